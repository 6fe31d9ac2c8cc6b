package org.sharercloud.benchmarks.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberHistory;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.simulator.internal.ProfileForecaster;
import org.sharercloud.scheduler.internal.strategy.BinpackStrategy;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.ForecastCache;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;

/**
 * Placement decisions per second on one thread: feasibility (capacity, labels) and scoring over every
 * eligible member for one demand ({@code place}), and the same plus binding it — the placement reason,
 * the queue's bind call (an in-memory stand-in) and booking the capacity ({@code placeAndBind}).
 * Members: random sizes 2–16 cores, 0–100 % free, 10 % labelled {@code gpu=yes}; demands 250–2000
 * millicores, 5 % needing the gpu label. The pass's member snapshot is built once (per pass cost, not per
 * placement). Bound capacity is given back 256 placements later, so the cluster stays in steady state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PlacementBenchmark {
    private static final int RING = 256;

    @Param({"1000", "10000", "100000"})
    public int members;

    @Param({"first-fit", "spread", "binpack", "forecast"})
    public String strategy;

    private CandidatePool pool;
    private PlacementStrategy chosen;
    private final Placer placer = new Placer();
    private Demand[] demands;
    private int next;
    private final int[] ringIndex = new int[RING];
    private final Demand[] ringDemand = new Demand[RING];
    private int ringPos;
    private long bound;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(42);
        List<Member> list = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            long cpu = 1000L * (2 << rnd.nextInt(4));
            long mem = cpu * 2;
            Map<String, String> labels = rnd.nextInt(10) == 0 ? Map.of("gpu", "yes") : Map.of();
            HostInfo host = new HostInfo("m" + i, "m" + i, "linux", "amd64", (int) (cpu / 1000), mem, 1000, true, labels);
            double load = rnd.nextDouble() * 0.3;
            list.add(new Member("m" + i, "m" + i, MemberState.ONLINE, false, host, SharingPolicy.unrestricted(mem),
                    new HostMetrics(load, load, 0, mem, 1000, 1), new Capacity(cpu, (long) (cpu * rnd.nextDouble()), mem,
                            (long) (mem * rnd.nextDouble())), Instant.EPOCH, Instant.EPOCH));
        }
        pool = CandidatePool.of(list, 12);
        demands = new Demand[1024];
        int[] cpus = {250, 500, 1000, 2000};
        for (int i = 0; i < demands.length; i++) {
            Map<String, String> c = rnd.nextInt(20) == 0 ? Map.of("gpu", "yes") : Map.of();
            demands[i] = new Demand("w" + i, 0, cpus[rnd.nextInt(4)], 256 << rnd.nextInt(4), 0,
                    60L * (1 + rnd.nextInt(240)), c, Instant.EPOCH);
        }
        chosen = switch (strategy) {
            case "first-fit" -> new FirstFitStrategy();
            case "spread" -> new SpreadStrategy();
            case "binpack" -> new BinpackStrategy();
            default -> forecast(list, rnd);
        };
    }

    private static PlacementStrategy forecast(List<Member> list, Random rnd) {
        ForecastCache cache = new ForecastCache();
        double[][] avail = new double[list.size()][];
        for (int i = 0; i < avail.length; i++) {
            avail[i] = new double[48];
            double p = rnd.nextDouble();
            for (int h = 0; h < 48; h++) {
                avail[i][h] = rnd.nextDouble() < p ? 1 : rnd.nextDouble();
            }
        }
        List<String> ids = list.stream().map(Member::id).toList();
        cache.refresh(new MemberHistory() {
            public List<String> memberIds() {
                return ids;
            }

            public double[] hourlyAvailability(String id, int maxHours) {
                return avail[Integer.parseInt(id.substring(1))];
            }

            public double[] hourlyOwnerLoad(String id, int maxHours) {
                double[] v = new double[48];
                Arrays.fill(v, 0.1);
                return v;
            }
        }, new ProfileForecaster(), 168, 24);
        return new ForecastStrategy(cache);
    }

    @Benchmark
    public int place() {
        Demand d = demands[next++ & 1023];
        return placer.best(d, pool, chosen);
    }

    @Benchmark
    public int placeAndBind() {
        Demand d = demands[next++ & 1023];
        int i = placer.best(d, pool, chosen);
        if (i >= 0) {
            String reason = placer.reason(chosen.name(), d, pool, i);
            bound += reason.length() + pool.id(i).length(); // stands in for SchedulingQueue.bind
            pool.allocate(i, d.cpuMillis(), d.memoryMb());
            Demand old = ringDemand[ringPos];
            if (old != null) {
                pool.allocate(ringIndex[ringPos], -old.cpuMillis(), -old.memoryMb());
            }
            ringDemand[ringPos] = d;
            ringIndex[ringPos] = i;
            ringPos = (ringPos + 1) % RING;
        }
        return i;
    }
}
