package org.sharercloud.scheduler.internal.strategy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
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
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolScoring;
import org.sharercloud.scheduler.internal.loop.SchedulingPass;

/**
 * The built-in strategies' fast path ({@link PoolScoring}: flat arrays, per-pool forecast columns) must
 * decide exactly as the straightforward scan does: every member in pool order, {@code fits}, then
 * {@code score(demand, candidate)}, highest wins, ties to the earlier member. Randomized clusters with
 * many equal capacities (ties), few or many member shapes, zero totals, overbooked members, labels,
 * unisolated members, excluded members, NaN owner loads, forecasts for only some members and refreshes
 * in the middle of a pool; clusters up to 400 members span several blocks, so bounds skip some.
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
            if (!pool.fits(i, d)) {
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
