package org.sharercloud.api.scheduler;

/**
 * Why one member does not take one pending demand.
 *
 * @param memberId member id
 * @param reason   the first check it failed
 * @param detail   human-readable numbers, e.g. {@code "needs 2000m cpu, 500m free"}
 */
public record MemberVerdict(String memberId, RejectReason reason, String detail) {
}
