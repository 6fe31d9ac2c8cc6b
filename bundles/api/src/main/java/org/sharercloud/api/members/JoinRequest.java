package org.sharercloud.api.members;

/**
 * An agent asking to join with a join token.
 *
 * @param joinToken  the join token an admin minted (always required)
 * @param name       the member's display name (the host name when absent)
 * @param host       the machine
 * @param policy     its sharing policy
 * @param credential the member credential this agent holds from an earlier join, if any: a join that presents
 *                   a member's current credential for the same {@code host.machineId} re-joins as that member
 *                   (a fresh credential replaces the old); any other join, even with a known machine id, makes
 *                   a new member, so knowing a machine id is not enough to take over its identity
 */
public record JoinRequest(String joinToken, String name, HostInfo host, SharingPolicy policy, String credential) {
    /** A first join: no earlier credential. */
    public JoinRequest(String joinToken, String name, HostInfo host, SharingPolicy policy) {
        this(joinToken, name, host, policy, null);
    }
}
