package org.sharercloud.workloads.internal;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.JoinToken;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.workloads.Assignments;
import org.sharercloud.store.internal.Dialect;
import org.sharercloud.store.internal.StoreComponent;

/**
 * The real workloads services over the real store on an in-memory Derby database, with the
 * collaborators (members module, EventAdmin) faked. {@link #restart()} closes the module and opens it
 * again on the same database, as a coordinator restart would.
 */
final class Fixture implements AutoCloseable {
    static final Principal ALICE = new Principal("alice", Role.REQUESTOR);
    static final Principal BOB = new Principal("bob", Role.REQUESTOR);
    static final Principal ADMIN = new Principal("admin", Role.ADMIN);

    final StoreComponent store;
    final List<String> topics = Collections.synchronizedList(new ArrayList<>());
    final FakeMembers members = new FakeMembers();
    double creditWeight = 1.0;
    long logMaxBytes = 1 << 20;
    WorkloadsCore core;
    WorkloadServiceImpl workloads;
    SchedulingQueueImpl queue;
    AgentGatewayImpl agent;
    ReservationServiceImpl reservations;
    CreditServiceImpl credits;
    AllocationTrackerImpl allocations;

    Fixture() throws Exception {
        store = new StoreComponent("jdbc:derby:memory:wl-" + UUID.randomUUID() + ";create=true", "", "", 8);
        ensureWorkloadTables(store);
        open();
    }

    /**
     * The store applies migrations in sequence and stops at the first missing number; while V002
     * (members) and V003 (monitoring) live on other branches, V004 is applied here by hand. Once they
     * are merged the store has applied it already and this does nothing.
     */
    static void ensureWorkloadTables(StoreComponent store) throws Exception {
        try (Connection c = store.getConnection()) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, "WL_WORKLOAD", null)) {
                if (rs.next()) {
                    return;
                }
            }
            String sql;
            try (InputStream in = StoreComponent.class.getResourceAsStream("/org/sharercloud/store/migrations/V004.sql")) {
                sql = Dialect.DERBY.expand(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            StringBuilder stmt = new StringBuilder();
            try (Statement st = c.createStatement()) {
                for (String line : sql.split("\n")) {
                    if (line.strip().startsWith("--") || line.isBlank()) {
                        continue;
                    }
                    stmt.append(line).append('\n');
                    if (line.strip().endsWith(";")) {
                        String s = stmt.toString().strip();
                        st.execute(s.substring(0, s.length() - 1));
                        stmt.setLength(0);
                    }
                }
            }
        }
    }

    void open() {
        core = new WorkloadsCore(store, config(), java.time.Clock.systemUTC());
        core.engine().setNotifier((topic, props) -> topics.add(topic));
        new MemberStateListener(core).setMembers(members);
        workloads = new WorkloadServiceImpl(core);
        queue = new SchedulingQueueImpl(core);
        agent = new AgentGatewayImpl(core);
        reservations = new ReservationServiceImpl(core);
        reservations.setMembers(members);
        credits = new CreditServiceImpl(core);
        allocations = new AllocationTrackerImpl(core);
    }

    /** Closes the module and opens it again on the same database. */
    void restart() {
        core.close();
        open();
    }

    @Override
    public void close() {
        core.close();
    }

    /** The only pending demand of a workload's replica, failing when there is none. */
    Demand demand(String workloadId, int replica) {
        return queue.pending().stream().filter(d -> d.workloadId().equals(workloadId) && d.replica() == replica).findFirst()
                .orElseThrow(() -> new AssertionError("no pending demand for " + workloadId + "#" + replica + " in " + queue.pending()));
    }

    /** What the member's agent gets from a poll that does not wait. */
    Assignments poll(String memberId) throws Exception {
        return agent.awaitAssignments(memberId, 0, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static ApiException expect(int status, Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            if (e.status() != status) {
                throw new AssertionError("expected " + status + " but got " + e.status() + ": " + e.getMessage(), e);
            }
            return e;
        }
        throw new AssertionError("expected an ApiException " + status);
    }

    WorkloadsConfig config() {
        double weight = creditWeight;
        long logMax = logMaxBytes;
        return new WorkloadsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WorkloadsConfig.class;
            }

            @Override
            public double credit_weight() {
                return weight;
            }

            @Override
            public int spec_max_bytes() {
                return 64 * 1024;
            }

            @Override
            public int inputs_max_bytes() {
                return 16 * 1024;
            }

            @Override
            public int outputs_max_bytes() {
                return 64 * 1024;
            }

            @Override
            public long log_max_bytes() {
                return logMax;
            }

            @Override
            public int redeliver_seconds() {
                return 30;
            }

            @Override
            public int exec_max_seconds() {
                return 30;
            }
        };
    }

    /** Members with a state and plenty of room; only what the workloads module reads is real. */
    static final class FakeMembers implements MemberService {
        final Map<String, MemberState> states = new HashMap<>(Map.of("m1", MemberState.ONLINE, "m2", MemberState.ONLINE, "m3", MemberState.ONLINE));
        /** Members whose agent reports no reachable Docker engine. */
        final java.util.Set<String> noDocker = new java.util.HashSet<>();

        final Map<String, long[]> placed = new HashMap<>();

        @Override
        public int heartbeatSeconds() {
            return 5;
        }

        @Override
        public void reportPlaced(String memberId, long cpuMillis, long memoryMb) {
            placed.put(memberId, new long[] {cpuMillis, memoryMb});
        }

        @Override
        public Member get(String id) {
            MemberState s = states.get(id);
            if (s == null) {
                throw ApiException.notFound("member " + id);
            }
            var host = new org.sharercloud.api.members.HostInfo(id, id, "linux", "amd64", 8, 16384, 1000, !noDocker.contains(id),
                    Map.of());
            return new Member(id, id, s, false, host, null, null, new Capacity(8000, 8000, 8192, 8192), null, null);
        }

        @Override
        public List<Member> list() {
            return states.keySet().stream().map(this::get).toList();
        }

        @Override
        public java.util.List<org.sharercloud.api.members.JoinTokenInfo> joinTokens() {
            return java.util.List.of();
        }

        @Override
        public JoinToken createJoinToken(Duration ttl, int uses) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JoinResult join(JoinRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member heartbeat(String memberId, Heartbeat heartbeat) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> authenticate(String credential) {
            return Optional.empty();
        }

        @Override
        public Member cordon(String memberId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Member uncordon(String memberId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String memberId) {
            states.remove(memberId);
        }

        @Override
        public Map<MemberState, Integer> countByState() {
            return Map.of();
        }
    }
}
