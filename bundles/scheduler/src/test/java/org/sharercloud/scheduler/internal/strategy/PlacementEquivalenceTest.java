package org.sharercloud.scheduler.internal.strategy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.Test;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberHistory;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.Fakes;
import org.sharercloud.scheduler.internal.feasibility.Feasibility;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolScoring;
import org.sharercloud.scheduler.internal.loop.SchedulingPass;

/**
 * The built-in strategies' fast path ({@link PoolScoring}: flat arrays, per-pool forecast columns) must
 * decide exactly as the straightforward scan does: every member in pool order, the {@code Feasibility} chain, then
 * {@code score(demand, candidate)}, highest wins, ties to the earlier member. Randomized clusters with
 * many equal capacities (ties), few or many member shapes, zero totals, overbooked members, labels,
 * unisolated members, excluded members, NaN owner loads, forecasts for only some members and refreshes
 * in the middle of a pool; clusters up to 400 members span several blocks, so bounds skip some. Whole
 * passes are also checked against a plain pass written out (no skipped sizes, no bounds), with cordons,
 * draining and offline members, owner activity, sharing hours, constraints, runtimes and exclusions in
 * the mix, so a shortcut that skips a demand it should have placed shows up as a different bind.
 */
public class PlacementEquivalenceTest {
    private static final long[] CPU_TOTALS = {0, 1000, 2000, 4000, 6000, 8000};
    private static final long[] MEM_TOTALS = {0, 2048, 3000, 4096, 8192, 16000};
    private static final int[] CPUS = {0, 100, 250, 500, 1000, 3000, 9000};
    private static final int[] MEMS = {0, 128, 1024, 4096};
    private static final long[] RUNS = {0, 60, 3599, 3600, 3601, 7200, 86_400, 10_000_000};

    private static List<PlacementStrategy> strategies(ForecastCache cache) {
        return List.of(new FirstFitStrategy(), new SpreadStrategy(), new BinpackStrategy(), new ForecastStrategy(cache));
    }

    /** The reference: Placer's generic scan written out, one Candidate and one score() per feasible member. */
    private static double[] reference(Demand d, CandidatePool pool, PlacementStrategy s) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int i = 0; i < pool.size(); i++) {
            if (!Feasibility.feasible(pool, i, d)) {
                continue;
            }
            count++;
            double score = s.score(d, pool.candidate(i));
            if (score > bestScore) {
                bestScore = score;
                best = i;
                if (score == Double.POSITIVE_INFINITY) {
                    break;
                }
            }
        }
        return new double[] {best, count, bestScore};
    }

    @Test
    public void fastPathPicksTheReferenceMemberOverRandomClusters() {
        int decisions = 0;
        int placed = 0;
        for (int seed = 0; seed < 60; seed++) {
            Random rnd = new Random(seed);
            List<Member> members = cluster(rnd, 1 + rnd.nextInt(seed < 30 ? 40 : 400));
            ForecastCache cache = new ForecastCache();
            refresh(cache, members, rnd);
            for (PlacementStrategy s : strategies(cache)) {
                assertTrue(s.name(), s instanceof PoolScoring);
                CandidatePool pool = CandidatePool.of(members, rnd.nextInt(24));
                Placer placer = new Placer();
                for (int k = 0; k < 80; k++) {
                    Demand d = demand(rnd, members, k);
                    double[] ref = reference(d, pool, s);
                    int got = placer.best(d, pool, s);
                    if ((int) ref[0] != got || (int) ref[1] != placer.feasible()
                            || Double.doubleToLongBits(ref[2]) != Double.doubleToLongBits(placer.bestScore())) {
                        fail(s.name() + " seed " + seed + " demand " + k + " " + d + ": reference member " + ref[0]
                                + " of " + ref[1] + " feasible, score " + ref[2] + "; fast path member " + got + " of "
                                + placer.feasible() + ", score " + placer.bestScore());
                    }
                    decisions++;
                    if (got >= 0 && rnd.nextInt(4) != 0) {
                        pool.allocate(got, d.cpuMillis(), d.memoryMb()); // later decisions see less room
                        placed++;
                    }
                    if (rnd.nextInt(40) == 0) {
                        refresh(cache, members, rnd); // new forecasts while the pool lives
                    }
                }
            }
        }
        assertTrue("enough decisions placed something: " + placed, placed > decisions / 4);
    }

    /**
     * The per-block summaries the fast paths keep across decisions (forecast's refined bound per demand shape,
     * the feasible count's capacity bits per demand size) are brought up to date from the members that
     * allocations changed ({@link CandidatePool#changedMember}) rather than recomputed. Steady state as in the
     * placement benchmark (each placement given back 48 placements later), few demand shapes so the summaries
     * are reused many versions later, pools of 10–40 blocks, and bursts of more allocations on one block than
     * the pool remembers: every decision must still be the reference scan's member, count and score.
     */
    @Test
    public void summariesStayExactWhileAllocationsComeAndGo() {
        int[] cpus = {0, 250, 1000};
        int[] mems = {128, 1024};
        long[] runs = {60, 3601, 7200};
        int placed = 0;
        int released = 0;
        for (int seed = 300; seed < 304; seed++) {
            Random rnd = new Random(seed);
            List<Member> members = cluster(rnd, 600 + rnd.nextInt(2000));
            ForecastCache cache = new ForecastCache();
            refresh(cache, members, rnd);
            for (PlacementStrategy s : strategies(cache)) {
                CandidatePool pool = CandidatePool.of(members, rnd.nextInt(24));
                Placer placer = new Placer();
                int[] ringMember = new int[48];
                Demand[] ringDemand = new Demand[48];
                for (int k = 0; k < 600; k++) {
                    Map<String, String> c = rnd.nextInt(20) == 0 ? Map.of("gpu", "yes") : Map.of();
                    Set<String> excluded = rnd.nextInt(50) == 0 ? Set.of(members.get(rnd.nextInt(members.size())).id()) : Set.of();
                    Demand d = new Demand("w" + k, 0, cpus[rnd.nextInt(cpus.length)], mems[rnd.nextInt(mems.length)], 0,
                            runs[rnd.nextInt(runs.length)], c, Instant.ofEpochSecond(k), excluded);
                    double[] ref = reference(d, pool, s);
                    int got = placer.best(d, pool, s);
                    if ((int) ref[0] != got || (int) ref[1] != placer.feasible()
                            || Double.doubleToLongBits(ref[2]) != Double.doubleToLongBits(placer.bestScore())) {
                        fail(s.name() + " seed " + seed + " demand " + k + " " + d + ": reference member " + ref[0]
                                + " of " + ref[1] + " feasible, score " + ref[2] + "; fast path member " + got + " of "
                                + placer.feasible() + ", score " + placer.bestScore());
                    }
                    if (got >= 0) {
                        pool.allocate(got, d.cpuMillis(), d.memoryMb());
                        placed++;
                        int slot = k % ringMember.length;
                        if (ringDemand[slot] != null) {
                            pool.allocate(ringMember[slot], -ringDemand[slot].cpuMillis(), -ringDemand[slot].memoryMb());
                            released++;
                        }
                        ringMember[slot] = got;
                        ringDemand[slot] = d;
                    }
                    if (rnd.nextInt(100) == 0) { // more changes on one block than the pool tells
                        int from = rnd.nextInt(pool.blocks()) << CandidatePool.BLOCK_SHIFT;
                        for (int j = 0; j < CandidatePool.CHANGE_LOG + 3; j++) {
                            int i = Math.min(pool.size() - 1, from + rnd.nextInt(CandidatePool.BLOCK));
                            int sign = rnd.nextBoolean() ? 1 : -1;
                            pool.allocate(i, sign * 250L, sign * 128L);
                        }
                    }
                }
            }
        }
        assertTrue("placed " + placed + ", given back " + released, placed > 4000 && released > 3000);
    }

    @Test
    public void schedulingPassesBindTheSameMembersWithAndWithoutTheFastPath() {
        for (int seed = 100; seed < 110; seed++) {
            Random rnd = new Random(seed);
            List<Member> members = cluster(rnd, 50 + rnd.nextInt(200));
            ForecastCache cache = new ForecastCache();
            refresh(cache, members, rnd);
            List<Demand> demands = new ArrayList<>();
            for (int k = 0; k < 100; k++) {
                demands.add(demand(rnd, members, k));
            }
            for (PlacementStrategy s : strategies(cache)) {
                Fakes.Queue fast = run(members, demands, s);
                Fakes.Queue plain = run(members, demands, new PlacementStrategy() { // hides PoolScoring
                    public String name() {
                        return s.name();
                    }

                    public double score(Demand d, Candidate c) {
                        return s.score(d, c);
                    }
                });
                assertEquals(s.name() + " seed " + seed, plain.binds, fast.binds);
                assertEquals(s.name() + " seed " + seed, plain.reasons, fast.reasons);
                assertTrue(s.name() + " seed " + seed + " placed some", !fast.binds.isEmpty());
            }
        }
    }

    private static Fakes.Queue run(List<Member> members, List<Demand> demands, PlacementStrategy s) {
        Fakes.Queue q = new Fakes.Queue();
        q.pending.addAll(demands);
        new SchedulingPass(false).run(members, q, s, 12);
        return q;
    }

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration BACKOFF = Duration.ofSeconds(30);

    @Test
    public void schedulingPassesBindWhatAPlainScanBinds() {
        int binds = 0;
        int lifted = 0;
        for (int seed = 200; seed < 260; seed++) {
            Random rnd = new Random(seed);
            List<Member> members = mixedCluster(rnd, 2 + rnd.nextInt(seed < 230 ? 12 : 300));
            ForecastCache cache = new ForecastCache();
            refresh(cache, members, rnd);
            List<Demand> demands = new ArrayList<>();
            int n = 20 + rnd.nextInt(150);
            for (int k = 0; k < n; k++) {
                demands.add(mixedDemand(rnd, members, k));
            }
            int hour = rnd.nextInt(24);
            for (PlacementStrategy s : strategies(cache)) {
                Fakes.Queue q = new Fakes.Queue();
                q.pending.addAll(demands);
                List<Demand> order = q.pending();
                new SchedulingPass(false, BACKOFF, Clock.fixed(NOW, ZoneOffset.UTC)).run(members, q, s, hour);
                List<String> expected = plainPass(members, order, s, hour);
                assertEquals(s.name() + " seed " + seed + " with " + members.size() + " members", expected, q.binds);
                binds += expected.size();
                lifted += (int) q.reasons.stream().filter(r -> r.startsWith("retry on a member it failed on")).count();
            }
        }
        assertTrue("passes placed something: " + binds, binds > 1000);
        assertTrue("some replicas went back to members they had failed on: " + lifted, lifted > 10);
    }

    /**
     * The reference pass: each demand in queue order, every eligible member in list order, the same feasibility
     * as the pool (free room, runtime, labels, exclusions), score(), highest wins, ties to the earlier member; a
     * demand that finds nothing while every member that could run it is excluded and its back-off is over is
     * tried again without exclusions.
     */
    private static List<String> plainPass(List<Member> members, List<Demand> order, PlacementStrategy s, int hour) {
        List<Member> eligible = new ArrayList<>();
        for (Member m : members) {
            if (Feasibility.at(hour).memberVerdict(m) == null) {
                eligible.add(m);
            }
        }
        long[] cpuFree = new long[eligible.size()];
        long[] memFree = new long[eligible.size()];
        for (int i = 0; i < eligible.size(); i++) {
            cpuFree[i] = clamp(eligible.get(i).capacity().cpuMillisFree());
            memFree[i] = clamp(eligible.get(i).capacity().memoryMbFree());
        }
        List<String> binds = new ArrayList<>();
        for (Demand d : order) {
            int best = plainBest(eligible, cpuFree, memFree, d, d.excludedMembers(), s);
            if (best < 0 && !d.excludedMembers().isEmpty() && !d.submittedAt().plus(BACKOFF).isAfter(NOW)
                    && members.stream().noneMatch(m -> !d.excludedMembers().contains(m.id()) && couldRun(m, d))) {
                best = plainBest(eligible, cpuFree, memFree, d, Set.of(), s);
            }
            if (best >= 0) {
                binds.add(d.workloadId() + "@" + eligible.get(best).id());
                cpuFree[best] = clamp(cpuFree[best] - d.cpuMillis());
                memFree[best] = clamp(memFree[best] - d.memoryMb());
            }
        }
        return binds;
    }

    private static int plainBest(List<Member> eligible, long[] cpuFree, long[] memFree, Demand d, Set<String> excluded,
            PlacementStrategy s) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eligible.size(); i++) {
            Member m = eligible.get(i);
            RuntimeStatus rt = m.runtimes().get(d.runtime());
            if (cpuFree[i] < d.cpuMillis() || memFree[i] < d.memoryMb() || rt == null || !rt.available()
                    || !hasLabels(m, d.constraints()) || excluded.contains(m.id())) {
                continue;
            }
            Capacity c = m.capacity();
            double score = s.score(d, Candidate.of(m.id(), new Capacity(c.cpuMillisTotal(), cpuFree[i], c.memoryMbTotal(), memFree[i]),
                    m.metrics() == null ? 0 : m.metrics().ownerLoad(), m.host().labels()));
            if (score > bestScore) {
                bestScore = score;
                best = i;
                if (score == Double.POSITIVE_INFINITY) {
                    break;
                }
            }
        }
        return best;
    }

    private static boolean couldRun(Member m, Demand d) {
        RuntimeStatus rt = m.runtimes().get(d.runtime());
        return m.state() != MemberState.OFFLINE && !m.cordoned() && rt != null && rt.available()
                && m.capacity().cpuMillisTotal() >= d.cpuMillis() && m.capacity().memoryMbTotal() >= d.memoryMb()
                && hasLabels(m, d.constraints());
    }

    private static boolean hasLabels(Member m, Map<String, String> want) {
        return want.entrySet().stream().allMatch(e -> e.getValue().equals(m.host().labels().get(e.getKey())));
    }

    private static long clamp(long v) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** Members in every state, some cordoned, some with busy owners or closed sharing hours, with and without each runtime. */
    private static List<Member> mixedCluster(Random rnd, int n) {
        List<Member> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long cpu = CPU_TOTALS[1 + rnd.nextInt(CPU_TOTALS.length - 1)];
            long mem = MEM_TOTALS[1 + rnd.nextInt(MEM_TOTALS.length - 1)];
            long cpuFree = rnd.nextInt(12) == 0 ? -300 : cpu * rnd.nextInt(5) / 4;
            long memFree = rnd.nextInt(12) == 0 ? -100 : mem * rnd.nextInt(5) / 4;
            Map<String, String> labels = switch (rnd.nextInt(6)) {
                case 0 -> Map.of("gpu", "yes");
                case 1 -> Map.of("gpu", "no", "zone", "home");
                default -> Map.of();
            };
            Map<String, RuntimeStatus> runtimes = switch (rnd.nextInt(8)) {
                case 0 -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.unavailable("no reachable Docker engine at unix:///nope"));
                case 1 -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.unavailable("no reachable Docker engine at unix:///nope"),
                        RuntimeStatus.PROCESS, RuntimeStatus.ok());
                case 2 -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.ok(), RuntimeStatus.PROCESS, RuntimeStatus.ok());
                case 3 -> Map.of(RuntimeStatus.PROCESS, RuntimeStatus.unavailable("no process runtime enabled"));
                default -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.ok());
            };
            MemberState state = switch (rnd.nextInt(14)) {
                case 0 -> MemberState.OFFLINE;
                case 1 -> MemberState.SUSPECT;
                case 2 -> MemberState.DRAINING;
                default -> MemberState.ONLINE;
            };
            double load = rnd.nextInt(5) * 0.2;
            SharingPolicy policy = switch (rnd.nextInt(8)) {
                case 0 -> new SharingPolicy(1, mem, "22-7", false, 1);
                case 1 -> new SharingPolicy(1, mem, "0-24", true, 0.5);
                default -> SharingPolicy.unrestricted(mem);
            };
            boolean docker = runtimes.containsKey(RuntimeStatus.DOCKER) && runtimes.get(RuntimeStatus.DOCKER).available();
            HostInfo host = new HostInfo("m" + i, "m" + i, "linux", "amd64", (int) (cpu / 1000), mem, 1000, docker, labels, runtimes);
            list.add(new Member("m" + i, "m" + i, state, rnd.nextInt(10) == 0, host, policy, new HostMetrics(load, load, 0, mem, 1000, 1),
                    new Capacity(cpu, cpuFree, mem, memFree), Instant.EPOCH, Instant.EPOCH));
        }
        return list;
    }

    /** Few shapes (so sizes repeat), some constrained, some for the process runtime, some excluding many members. */
    private static Demand mixedDemand(Random rnd, List<Member> members, int k) {
        Map<String, String> c = switch (rnd.nextInt(8)) {
            case 0 -> Map.of("gpu", "yes");
            case 1 -> Map.of("zone", "home");
            default -> Map.of();
        };
        Set<String> excluded = new HashSet<>();
        int ex = rnd.nextInt(4);
        if (ex == 1) {
            excluded.add(members.get(rnd.nextInt(members.size())).id());
        } else if (ex == 2) {
            for (Member m : members) { // most or all of them: a replica that failed nearly everywhere
                if (rnd.nextInt(8) != 0) {
                    excluded.add(m.id());
                }
            }
        }
        int[] cpus = {100, 250, 1000, 2000};
        int[] mems = {128, 256, 1024};
        return new Demand("w" + k, 0, cpus[rnd.nextInt(cpus.length)], mems[rnd.nextInt(mems.length)], rnd.nextInt(3),
                RUNS[rnd.nextInt(RUNS.length)], c, NOW.minusSeconds(rnd.nextInt(60)), excluded,
                rnd.nextInt(5) == 0 ? RuntimeStatus.PROCESS : RuntimeStatus.DOCKER);
    }

    /** Half the clusters have few member shapes (positive totals), the others many, some with zero totals. */
    private static List<Member> cluster(Random rnd, int n) {
        boolean fewShapes = rnd.nextBoolean();
        List<Member> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long cpu = fewShapes ? CPU_TOTALS[3 + rnd.nextInt(2)] : CPU_TOTALS[rnd.nextInt(CPU_TOTALS.length)];
            long mem = fewShapes ? MEM_TOTALS[3 + rnd.nextInt(2)] : MEM_TOTALS[rnd.nextInt(MEM_TOTALS.length)];
            // few distinct free amounts, so equal scores (ties) are common; some members overbooked
            long cpuFree = rnd.nextInt(10) == 0 ? -500 : cpu * rnd.nextInt(5) / 4;
            long memFree = rnd.nextInt(10) == 0 ? -100 : mem * rnd.nextInt(5) / 4;
            Map<String, String> labels = switch (rnd.nextInt(12)) {
                case 0 -> Map.of("gpu", "yes");
                case 1 -> Map.of("gpu", "no");
                case 2 -> Map.of(RuntimeStatus.PROCESS_LABEL, "true"); // an older process-only agent
                default -> Map.of();
            };
            MemberState state = rnd.nextInt(15) == 0 ? MemberState.OFFLINE : MemberState.ONLINE;
            double load = switch (rnd.nextInt(10)) {
                case 0 -> Double.NaN;
                case 1 -> 1.5;
                default -> rnd.nextInt(5) * 0.2;
            };
            HostInfo host = new HostInfo("m" + i, "m" + i, "linux", "amd64", (int) (cpu / 1000), mem, 1000, true, labels);
            HostMetrics metrics = rnd.nextInt(20) == 0 ? null : new HostMetrics(load, load, 0, mem, 1000, 1);
            list.add(new Member("m" + i, "m" + i, state, rnd.nextInt(20) == 0, host, SharingPolicy.unrestricted(mem),
                    metrics, new Capacity(cpu, cpuFree, mem, memFree), Instant.EPOCH, Instant.EPOCH));
        }
        return list;
    }

    private static Demand demand(Random rnd, List<Member> members, int k) {
        Map<String, String> c = switch (rnd.nextInt(10)) {
            case 0 -> Map.of("gpu", "yes");
            case 1 -> Map.of(RuntimeStatus.PROCESS_LABEL, "true");
            default -> Map.of();
        };
        Set<String> excluded = new HashSet<>();
        if (rnd.nextInt(5) == 0) {
            for (int j = 0; j < 3; j++) {
                excluded.add(members.get(rnd.nextInt(members.size())).id());
            }
        }
        return new Demand("w" + k, 0, CPUS[rnd.nextInt(CPUS.length)], MEMS[rnd.nextInt(MEMS.length)], 0,
                RUNS[rnd.nextInt(RUNS.length)], c, Instant.ofEpochSecond(k), excluded);
    }

    /** Forecasts for about two thirds of the members (the rest are unknown), coarse values so ties occur. */
    private static void refresh(ForecastCache cache, List<Member> members, Random rnd) {
        List<String> ids = new ArrayList<>();
        for (Member m : members) {
            if (rnd.nextInt(3) != 0) {
                ids.add(m.id());
            }
        }
        long salt = rnd.nextLong();
        cache.refresh(new MemberHistory() {
            public List<String> memberIds() {
                return ids;
            }

            public double[] hourlyAvailability(String id, int maxHours) {
                return series(id, salt, 1, 2 + (int) Math.floorMod(id.hashCode() ^ salt, 30L));
            }

            public double[] hourlyOwnerLoad(String id, int maxHours) {
                return series(id, salt, 2, 48);
            }
        }, new Replay(), 168, 1 + rnd.nextInt(30));
    }

    private static double[] series(String id, long salt, int kind, int n) {
        Random r = new Random(id.hashCode() * 31L + salt + kind);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(8) == 0 ? Double.NaN : r.nextInt(5) / 4.0;
        }
        return v;
    }

    /** Replays the series backwards as the forecast: deterministic, varied, no fitting. */
    private static final class Replay implements Forecaster {
        public String name() {
            return "replay";
        }

        public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
            double[] f = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                f[h] = values[values.length - 1 - h % values.length];
            }
            return new ForecastResult("replay", null, null, 0, 0, 0, f, new double[horizon]);
        }
    }
}
