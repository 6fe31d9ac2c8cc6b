package org.sharercloud.api.auth;

/**
 * An authenticated caller.
 *
 * @param subject     who owns what the caller creates: the token's name for admins and requestors (names are
 *                    unique and never reused, so a name is one principal), the member id for agents
 * @param role        what the caller may do
 * @param maxPriority the highest workload priority this caller may set (admin-granted per token; 0 by default,
 *                    {@link #ADMIN_MAX_PRIORITY} for admins)
 */
public record Principal(String subject, Role role, int maxPriority) {
    /** The highest priority there is; admins may set it. */
    public static final int ADMIN_MAX_PRIORITY = 1000;

    /** A caller with the default priority grant of its role. */
    public Principal(String subject, Role role) {
        this(subject, role, role == Role.ADMIN ? ADMIN_MAX_PRIORITY : 0);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
