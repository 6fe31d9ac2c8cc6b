package org.sharercloud.api.members;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The Cluster Members module: join, credentials, heartbeats, liveness and capacity. */
@ProviderType
public interface MemberService {
    /**
     * Mints a join token valid for {@code ttl} and {@code uses} joins (every join, re-joins included,
     * uses one).
     *
     * @throws org.sharercloud.api.ApiException 400 ({@code ttl}, {@code uses}) when out of range
     */
    JoinToken createJoinToken(Duration ttl, int uses);

    /** Join tokens that can still be used (not expired, uses left), newest first. */
    List<JoinTokenInfo> joinTokens();

    /**
     * Joins (or re-joins, keeping the member id of the same machine) with a join token.
     *
     * @throws org.sharercloud.api.ApiException 401 for an unknown token, 403 for an expired or used-up one,
     *                                          400 for a malformed host description
     */
    JoinResult join(JoinRequest request);

    /**
     * Checks a join token without using it, so that the API can refuse a join before it reads the rest of the
     * request (the host description); {@link #join} checks it again and uses it.
     *
     * @throws org.sharercloud.api.ApiException 401 for a missing or unknown token, 403 for an expired or used-up one
     */
    void checkJoinToken(String joinToken);

    /** Accepts a heartbeat; 400 for malformed metrics (nothing stored), 401 for an unknown or removed member. */
    Member heartbeat(String memberId, Heartbeat heartbeat);

    /** The member id a member credential belongs to, or empty. */
    Optional<String> authenticate(String credential);

    List<Member> list();

    /** @throws org.sharercloud.api.ApiException 404 when absent */
    Member get(String memberId);

    Member cordon(String memberId);

    Member uncordon(String memberId);

    /** Removes a member; its credential stops working. */
    void remove(String memberId);

    /** Number of members by state (every state present, zero when none). */
    Map<MemberState, Integer> countByState();

    /** The interval, in seconds, at which agents are asked to send heartbeats. */
    int heartbeatSeconds();

    /**
     * Reports the resources currently placed on a member (the totals of its running attempts), which
     * its {@link Capacity} subtracts. The workloads module calls it whenever the total changes; the
     * value replaces the previous one and is not persisted (after a restart it is reported again).
     *
     * @throws org.sharercloud.api.ApiException 404 for an unknown member, 400 for negative amounts
     */
    void reportPlaced(String memberId, long cpuMillis, long memoryMb);

    /** Largest page of {@link #history}. */
    int MAX_HISTORY_LIMIT = 500;

    /**
     * A member's state and cordon changes (joins, ONLINE, SUSPECT, OFFLINE, DRAINING, cordon, uncordon), newest
     * first, each with its time and reason. Kept for a bounded time and number per member (configured in the
     * members module); removed with the member.
     *
     * @param limit  1..{@link #MAX_HISTORY_LIMIT}
     * @param cursor {@code null} for the newest page, else a {@link MemberHistoryPage#nextCursor()}
     * @throws org.sharercloud.api.ApiException 404 for an unknown member, 400 ({@code limit}, {@code cursor}) for bad paging
     */
    default MemberHistoryPage history(String memberId, int limit, String cursor) {
        get(memberId);
        return new MemberHistoryPage(java.util.List.of(), null);
    }
}
