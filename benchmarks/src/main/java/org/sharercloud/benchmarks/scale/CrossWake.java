package org.sharercloud.benchmarks.scale;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.store.internal.NotifyChannel;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.Configs;
import org.sharercloud.workloads.internal.AgentGatewayImpl;
import org.sharercloud.workloads.internal.SchedulingQueueImpl;
import org.sharercloud.workloads.internal.WorkloadServiceImpl;
import org.sharercloud.workloads.internal.WorkloadsConfig;
import org.sharercloud.workloads.internal.WorkloadsCore;

/**
 * Cross-coordinator wake-up latency without HTTP (docs/benchmarks.md, "Two coordinators"): two workloads engines in one
 * JVM, each with its own pool and its own cluster channel ({@code pg_notify} / {@code LISTEN}) on one PostgreSQL, as two
 * coordinators. For each sample a long-poll waits on B for a fresh member; A binds a replica to that member; the time
 * from just before A's bind (its transaction, commit and notify included) to B's poll completing is recorded.
 * Usage: {@code java -cp benchmarks.jar org.sharercloud.benchmarks.scale.CrossWake JDBC_URL USER PASSWORD [samples]}
 * (the database's public schema is dropped and recreated).
 */
public final class CrossWake {
    private CrossWake() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        StoreComponent reset = new StoreComponent(url, user, password, 2);
        try (Connection c = reset.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        } finally {
            reset.deactivate();
        }
        StoreComponent sa = new StoreComponent(url, user, password, 6);
        StoreComponent sb = new StoreComponent(url, user, password, 6);
        NotifyChannel ca = NotifyChannel.of(sa, () -> true);
        NotifyChannel cb = NotifyChannel.of(sb, () -> false);
        WorkloadsConfig cfg = Configs.of(WorkloadsConfig.class, Map.of("max.active.per.owner", 1_000_000));
        WorkloadsCore a = new WorkloadsCore(sa, cfg, Clock.systemUTC());
        WorkloadsCore b = new WorkloadsCore(sb, cfg, Clock.systemUTC());
        a.engine().setChannel(ca);
        b.engine().setChannel(cb);
        while (!ca.connected() || !cb.connected()) {
            Thread.sleep(20);
        }
        Principal alice = new Principal("alice", Role.REQUESTOR);
        WorkloadServiceImpl submit = new WorkloadServiceImpl(a);
        SchedulingQueueImpl queue = new SchedulingQueueImpl(a);
        AgentGatewayImpl agentB = new AgentGatewayImpl(b);
        List<Long> micros = new ArrayList<>();
        List<Long> binds = new ArrayList<>();
        int warmup = Math.min(50, samples / 5);
        for (int i = 0; i < samples + warmup; i++) {
            Workload w = submit.submit(alice, new WorkloadSpec("wake-" + i, "busybox:1.36", List.of("true"), Map.of(), 1, 16, 60, 1, 0,
                    Map.of(), null, null, null));
            Demand d = queue.pending().stream().filter(x -> x.workloadId().equals(w.id())).findFirst().orElseThrow();
            String member = "member-" + i;
            CompletableFuture<Assignments> poll = agentB.awaitAssignments(member, 20, false).toCompletableFuture();
            long t0 = System.nanoTime();
            queue.bind(d, member, "benchmark");
            long bound = System.nanoTime();
            Assignments got = poll.get(30, TimeUnit.SECONDS);
            long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
            if (got.start().size() != 1) {
                throw new IllegalStateException("the poll on B expired without the assignment made on A (sample " + i + ")");
            }
            if (i >= warmup) {
                micros.add(us);
                binds.add(TimeUnit.NANOSECONDS.toMicros(bound - t0));
            }
        }
        Collections.sort(micros);
        Collections.sort(binds);
        System.out.printf("CROSSWAKE samples=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms (bind on A incl. commit -> poll on B answered)%n",
                micros.size(), micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.9)) / 1000.0,
                micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1)) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
        System.out.printf("CROSSWAKE bind on A alone (its transaction, commit, local apply): p50=%.1fms p99=%.1fms%n",
                binds.get(binds.size() / 2) / 1000.0, binds.get(Math.min(binds.size() - 1, (int) Math.ceil(binds.size() * 0.99) - 1)) / 1000.0);
        a.close();
        b.close();
        ca.close();
        cb.close();
        sa.deactivate();
        sb.deactivate();
    }
}
