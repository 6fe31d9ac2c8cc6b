package org.sharercloud.scheduler.internal.loop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.Test;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.RejectReason;
import org.sharercloud.scheduler.internal.feasibility.CapacityChecker;
import org.sharercloud.scheduler.internal.feasibility.Feasibility;
import org.sharercloud.scheduler.internal.feasibility.MemberList;

/**
 * The pool's fast paths (member-stage split, masks per constraints and runtime, {@code nextFit},
 * {@code countFits} with its per-block counts, {@code hasRoomFor}, the block maxima) and "why pending"
 * against the {@link Feasibility} chain asked member by member, on random clusters with every member
 * state, cordons, sharing hours, busy owners, runtimes up and down, labels, exclusions, overbooked and
 * zero-capacity members, with allocations (and preemption give-backs) between the questions. They must
 * agree on every member for every demand: the pool may precompute what the checkers decide, never decide
 * differently.
 */
public class FeasibilityAgreementTest {
    private static final long[] CPU_TOTALS = {0, 1000, 2000, 4000, 8000};
    private static final long[] MEM_TOTALS = {0, 1024, 4096, 8192};

    @Test
    public void poolFastPathsAndTheCheckerChainAgreeOnRandomClusters() {
        int feasibleSeen = 0;
        int infeasibleSeen = 0;
        Map<RejectReason, Integer> reasonsSeen = new EnumMap<>(RejectReason.class);
        for (int seed = 0; seed < 80; seed++) {
            Random rnd = new Random(seed);
            List<Member> members = cluster(rnd, 1 + rnd.nextInt(seed < 40 ? 30 : 300));
            int hour = rnd.nextInt(24);
            Feasibility chain = Feasibility.at(hour);
            CandidatePool pool = CandidatePool.of(members, hour);

            // member stage: the pool keeps exactly the members the chain lets through, in order, and says why not
            MemberList all = MemberList.of(members);
            List<String> eligible = new ArrayList<>();
            List<MemberVerdict> rejected = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                MemberVerdict v = chain.memberVerdict(all, i);
                if (v == null) {
                    eligible.add(all.id(i));
                } else {
                    rejected.add(v);
                    reasonsSeen.merge(v.reason(), 1, Integer::sum);
                }
            }
            List<String> inPool = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                inPool.add(pool.id(i));
            }
            assertEquals("seed " + seed, eligible, inPool);
            assertEquals("seed " + seed, rejected, pool.excluded());

            for (int k = 0; k < 60; k++) {
                Demand d = demand(rnd, members, k);
                boolean[] mask = pool.labelCheck(d);
                Set<String> excl = CandidatePool.exclusions(d);
                List<Integer> chainFits = new ArrayList<>();
                boolean room = false;
                for (int i = 0; i < pool.size(); i++) {
                    MemberVerdict v = Feasibility.demandVerdict(pool, i, d);
                    boolean ok = v == null;
                    assertEquals("seed " + seed + " demand " + k + " member " + i + " verdict " + v,
                            ok, pool.fitsNow(i, d.cpuMillis(), d.memoryMb(), mask, excl));
                    assertEquals(ok, Feasibility.feasible(pool, i, d));
                    assertEquals(ok, chain.verdict(pool, i, d) == null);
                    if (ok) {
                        chainFits.add(i);
                        feasibleSeen++;
                    } else {
                        infeasibleSeen++;
                        reasonsSeen.merge(v.reason(), 1, Integer::sum);
                    }
                    room |= CapacityChecker.NOW.passes(pool, i, d);
                }
                List<Integer> scanned = new ArrayList<>();
                for (int i = pool.nextFit(0, pool.size(), d.cpuMillis(), d.memoryMb(), mask, excl); i >= 0;
                        i = pool.nextFit(i + 1, pool.size(), d.cpuMillis(), d.memoryMb(), mask, excl)) {
                    scanned.add(i);
                }
                assertEquals("seed " + seed + " demand " + k + " " + d, chainFits, scanned);
                assertEquals("seed " + seed + " demand " + k, chainFits.size(), pool.countFits(d));
                assertEquals("seed " + seed + " demand " + k, room, pool.hasRoomFor(d.cpuMillis(), d.memoryMb()));
                for (int b = 0; b < pool.blocks(); b++) {
                    boolean any = false;
                    for (int i = b * CandidatePool.BLOCK; i < Math.min(pool.size(), (b + 1) * CandidatePool.BLOCK); i++) {
                        any |= CapacityChecker.NOW.passes(pool, i, d);
                    }
                    assertTrue("block " + b + " holds a member with room but is skipped", !any || pool.blockMayFit(b, d.cpuMillis(), d.memoryMb()));
                }
                // the generic placer's feasible count is the chain's too
                Placer placer = new Placer();
                int best = placer.best(d, pool, ZERO);
                assertEquals("seed " + seed + " demand " + k, chainFits.isEmpty() ? -1 : chainFits.get(0), best);
                assertEquals(d.cpuMillis() > pool.maxCpuFree() ? 0 : chainFits.size(), placer.feasible());
                if (best >= 0 && rnd.nextInt(3) != 0) {
                    pool.allocate(best, d.cpuMillis(), d.memoryMb());
                } else if (pool.size() > 0 && rnd.nextInt(6) == 0) {
                    pool.allocate(rnd.nextInt(pool.size()), -500, -256); // a preemption gives room back
                }
            }
        }
        assertTrue("both outcomes occur: " + feasibleSeen + " / " + infeasibleSeen, feasibleSeen > 1000 && infeasibleSeen > 1000);
        assertEquals("every reason a member can be refused for occurs: " + reasonsSeen, RejectReason.values().length - 1,
                reasonsSeen.size()); // all but REFUSED_BY_STRATEGY, which is the strategy's, not a check's
    }

    @Test
    public void whyPendingCountsWhatTheChainDecides() {
        for (int seed = 0; seed < 60; seed++) {
            Random rnd = new Random(1000 + seed);
            List<Member> members = cluster(rnd, 1 + rnd.nextInt(120));
            int hour = rnd.nextInt(24);
            Feasibility chain = Feasibility.at(hour);
            MemberList all = MemberList.of(members);
            for (int k = 0; k < 20; k++) {
                Demand d = demand(rnd, members, k);
                PendingExplanation e = PendingAnalyzer.explain(d, members, ZERO, List.of(), hour,
                        d.submittedAt(), Integer.MAX_VALUE); // excluded members not yet lifted: the back-off has not run
                int matching = 0;
                Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
                for (int i = 0; i < all.size(); i++) {
                    MemberVerdict v = chain.verdict(all, i, d);
                    if (v == null) {
                        matching++;
                    } else {
                        counts.merge(v.reason(), 1, Integer::sum);
                    }
                }
                assertEquals("seed " + seed + " demand " + k, matching, e.membersMatching());
                assertEquals("seed " + seed + " demand " + k, counts, e.rejectedByReason());
            }
        }
    }

    /** Scores every member the same: the generic scan takes the first feasible one and counts them all. */
    private static final PlacementStrategy ZERO = new PlacementStrategy() {
        @Override
        public String name() {
            return "zero";
        }

        @Override
        public double score(Demand demand, Candidate candidate) {
            return 0;
        }
    };

    private static List<Member> cluster(Random rnd, int n) {
        List<Member> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long cpu = CPU_TOTALS[rnd.nextInt(CPU_TOTALS.length)];
            long mem = MEM_TOTALS[rnd.nextInt(MEM_TOTALS.length)];
            long cpuFree = rnd.nextInt(10) == 0 ? -300 : cpu * rnd.nextInt(5) / 4;
            long memFree = rnd.nextInt(10) == 0 ? -100 : mem * rnd.nextInt(5) / 4;
            Map<String, String> labels = switch (rnd.nextInt(6)) {
                case 0 -> Map.of("gpu", "yes");
                case 1 -> Map.of("gpu", "no", "zone", "home");
                case 2 -> Map.of(RuntimeStatus.PROCESS_LABEL, "true");
                default -> Map.of();
            };
            Map<String, RuntimeStatus> runtimes = switch (rnd.nextInt(7)) {
                case 0 -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.unavailable("no reachable Docker engine at unix:///nope"));
                case 1 -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.unavailable("the agent runs only the process runtime"),
                        RuntimeStatus.PROCESS, RuntimeStatus.ok());
                case 2 -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.ok(), RuntimeStatus.PROCESS, RuntimeStatus.ok());
                case 3 -> Map.of();
                default -> Map.of(RuntimeStatus.DOCKER, RuntimeStatus.ok());
            };
            MemberState state = switch (rnd.nextInt(12)) {
                case 0 -> MemberState.OFFLINE;
                case 1 -> MemberState.SUSPECT;
                case 2 -> MemberState.DRAINING;
                default -> MemberState.ONLINE;
            };
            double load = rnd.nextInt(5) * 0.25;
            SharingPolicy policy = switch (rnd.nextInt(8)) {
                case 0 -> new SharingPolicy(1, mem, "22-7", false, 1);
                case 1 -> new SharingPolicy(1, mem, "0-24", true, 0.5);
                case 2 -> new SharingPolicy(1, mem, "9-x", false, 1); // malformed: never
                case 3 -> null;
                default -> SharingPolicy.unrestricted(mem);
            };
            HostInfo host = rnd.nextInt(25) == 0 ? null
                    : new HostInfo("m" + i, "m" + i, "linux", "amd64", (int) (cpu / 1000), mem, 1000, true, labels, runtimes);
            HostMetrics metrics = rnd.nextInt(15) == 0 ? null : new HostMetrics(load, load, 0, mem, 1000, 1);
            Capacity capacity = rnd.nextInt(30) == 0 ? null : new Capacity(cpu, cpuFree, mem, memFree);
            list.add(new Member("m" + i, "m" + i, state, rnd.nextInt(10) == 0, host, policy, metrics, capacity,
                    Instant.EPOCH, Instant.EPOCH));
        }
        return list;
    }

    private static Demand demand(Random rnd, List<Member> members, int k) {
        Map<String, String> c = switch (rnd.nextInt(8)) {
            case 0 -> Map.of("gpu", "yes");
            case 1 -> Map.of("zone", "home");
            case 2 -> Map.of(RuntimeStatus.PROCESS_LABEL, "true");
            default -> Map.of();
        };
        Set<String> excluded = new HashSet<>();
        if (rnd.nextInt(3) == 0 && !members.isEmpty()) {
            for (int j = rnd.nextInt(members.size()); j >= 0; j--) {
                excluded.add(members.get(rnd.nextInt(members.size())).id());
            }
        }
        int[] cpus = {0, 100, 250, 1000, 3000, 9000};
        int[] mems = {0, 128, 1024, 4096};
        return new Demand("w" + k, 0, cpus[rnd.nextInt(cpus.length)], mems[rnd.nextInt(mems.length)], 0, 600, c,
                Instant.ofEpochSecond(1000 + k), excluded, rnd.nextInt(4) == 0 ? RuntimeStatus.PROCESS : RuntimeStatus.DOCKER);
    }
}
