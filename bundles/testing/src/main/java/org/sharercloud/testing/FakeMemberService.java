package org.sharercloud.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.JoinToken;
import org.sharercloud.api.members.JoinTokenInfo;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;

/**
 * The members module as the other modules read it: the members a test puts here (in that order),
 * looked up by id (404 when absent), counted by state, and the placements reported to it. Joins,
 * heartbeats and cordons are the members module's own business and are refused.
 */
public class FakeMemberService implements MemberService {
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, long[]> placed = new ConcurrentHashMap<>();
    private volatile int heartbeatSeconds = 5;

    /** A member on a plain test host (linux/amd64, 8 cores, 16 GB) with 8 cores and 8 GB free, Docker available. */
    public static Member member(String id, MemberState state) {
        return member(id, state, true);
    }

    /** As {@link #member(String, MemberState)}, with or without a reachable Docker engine. */
    public static Member member(String id, MemberState state, boolean docker) {
        HostInfo host = new HostInfo(id, id, "linux", "amd64", 8, 16384, 1000, docker, Map.of());
        return new Member(id, id, state, false, host, null, null, new Capacity(8000, 8000, 8192, 8192), null, null);
    }

    /** Replaces every member. */
    public synchronized FakeMemberService set(Collection<Member> all) {
        members.clear();
        all.forEach(m -> members.put(m.id(), m));
        return this;
    }

    /** Adds a member or replaces the one with its id. */
    public synchronized FakeMemberService put(Member m) {
        members.put(m.id(), m);
        return this;
    }

    /** Moves a member to a state (404 when absent). */
    public synchronized FakeMemberService state(String id, MemberState state) {
        Member m = get(id);
        members.put(id, new Member(m.id(), m.name(), state, m.cordoned(), m.host(), m.policy(), m.metrics(), m.capacity(),
                m.lastSeen(), m.joinedAt(), m.runtimes()));
        return this;
    }

    public FakeMemberService heartbeatSeconds(int seconds) {
        this.heartbeatSeconds = seconds;
        return this;
    }

    /** The last {cpuMillis, memoryMb} reported placed on a member, or null. */
    public long[] placed(String memberId) {
        return placed.get(memberId);
    }

    @Override
    public synchronized List<Member> list() {
        return List.copyOf(members.values());
    }

    @Override
    public synchronized Member get(String memberId) {
        Member m = members.get(memberId);
        if (m == null) {
            throw ApiException.notFound("member " + memberId);
        }
        return m;
    }

    @Override
    public synchronized void remove(String memberId) {
        members.remove(memberId);
    }

    @Override
    public synchronized Map<MemberState, Integer> countByState() {
        Map<MemberState, Integer> counts = new EnumMap<>(MemberState.class);
        for (MemberState s : MemberState.values()) {
            counts.put(s, 0);
        }
        members.values().forEach(m -> counts.merge(m.state(), 1, Integer::sum));
        return counts;
    }

    @Override
    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    @Override
    public void reportPlaced(String memberId, long cpuMillis, long memoryMb) {
        placed.put(memberId, new long[] {cpuMillis, memoryMb});
    }

    @Override
    public List<JoinTokenInfo> joinTokens() {
        return List.of();
    }

    @Override
    public Optional<String> authenticate(String credential) {
        return Optional.empty();
    }

    @Override
    public JoinToken createJoinToken(Duration ttl, int uses) {
        throw new UnsupportedOperationException("not faked: join tokens are the members module's");
    }

    @Override
    public void checkJoinToken(String joinToken) {
        throw new UnsupportedOperationException("not faked: join tokens are the members module's");
    }

    @Override
    public JoinResult join(JoinRequest request) {
        throw new UnsupportedOperationException("not faked: joins are the members module's");
    }

    @Override
    public Member heartbeat(String memberId, Heartbeat heartbeat) {
        throw new UnsupportedOperationException("not faked: heartbeats are the members module's");
    }

    @Override
    public Member cordon(String memberId) {
        throw new UnsupportedOperationException("not faked: cordons are the members module's");
    }

    @Override
    public Member uncordon(String memberId) {
        throw new UnsupportedOperationException("not faked: cordons are the members module's");
    }
}
