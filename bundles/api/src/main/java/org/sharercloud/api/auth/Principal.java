package org.sharercloud.api.auth;

/**
 * An authenticated caller.
 *
 * @param subject the token's name for admins and requestors, the member id for agents
 * @param role    what the caller may do
 */
public record Principal(String subject, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
