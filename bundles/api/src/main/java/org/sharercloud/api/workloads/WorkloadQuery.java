package org.sharercloud.api.workloads;

/**
 * A filtered, paginated listing of workloads, newest first.
 *
 * @param state  only workloads in this state, or null for all
 * @param search case-insensitive substring of the name or id, or null
 * @param owner  only this owner's workloads (admins only; a requestor always sees their own), or null
 * @param cursor the {@code nextCursor} of the previous page, or null for the first page
 * @param limit  page size, 1..{@link org.sharercloud.api.Page#MAX_LIMIT}
 */
public record WorkloadQuery(WorkloadState state, String search, String owner, String cursor, int limit) {
}
