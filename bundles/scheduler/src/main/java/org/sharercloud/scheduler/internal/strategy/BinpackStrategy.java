package org.sharercloud.scheduler.internal.strategy;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolLocal;
import org.sharercloud.scheduler.internal.loop.PoolScoring;

/** Most allocated: the member left with the smallest free share, keeping other members whole. */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + BinpackStrategy.NAME)
public class BinpackStrategy implements PlacementStrategy, PoolScoring {
    /** The per-pool block summaries. */
    private static final PoolLocal<Search> SEARCH = new PoolLocal<>(Search::new);
    public static final String NAME = "binpack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return -Allocation.freeAfter(candidate.capacity(), demand.cpuMillis(), demand.memoryMb());
    }

    /** {@link #score} over the pool's arrays, skipping blocks where every fit leaves more room than the best so far. */
    @Override
    public int best(Demand d, CandidatePool pool, Placer placer) {
        return SEARCH.get(pool).run(d, placer);
    }

    /**
     * Bound: a feasible member keeps at least the smallest free CPU at or above the demand's, less the
     * demand (same for memory), so its score is at most minus those slacks' shares of the largest totals.
     */
    static final class Search extends AllocationSearch {
        private final int[] cpuSorted;
        private final int[] memSorted;

        Search(CandidatePool pool) {
            super(pool);
            cpuSorted = new int[pool.blocks() * CandidatePool.BLOCK];
            memSorted = new int[pool.blocks() * CandidatePool.BLOCK];
        }

        /** The shape-by-shape bound, when the block has few shapes. */
        @Override
        double refine(int b, double bound) {
            double grouped = groupedBound(b, false, true);
            return Double.isNaN(grouped) ? bound : Math.min(bound, grouped);
        }

        @Override
        void summarize(int b) {
            int from = first(b);
            int to = end(b);
            for (int i = from; i < to; i++) {
                cpuSorted[i] = (int) pool.cpuFree(i);
                memSorted[i] = (int) pool.memoryFree(i);
            }
            Arrays.sort(cpuSorted, from, to);
            Arrays.sort(memSorted, from, to);
        }

        @Override
        double bound(int b) {
            if (!boundable()) {
                return Double.NaN;
            }
            refresh(b);
            int c = ceiling(cpuSorted, first(b), end(b), cpu);
            int m = ceiling(memSorted, first(b), end(b), mem);
            if (c < 0 || m < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            double ub = -minSlackShare(b, (long) c - cpu, (long) m - mem);
            return ub + margin(b, ub);
        }

        /** The smallest value at least {@code key} in the sorted range, or -1 when none (values are then all below). */
        private static int ceiling(int[] a, int from, int to, int key) {
            int k = Arrays.binarySearch(a, from, to, key);
            if (k < 0) {
                k = -k - 1;
            }
            while (k > from && a[k - 1] == key) {
                k--;
            }
            return k < to ? a[k] : -1;
        }

        @Override
        void scan(int from, int to) {
            for (int i = nextFit(from, to); i >= 0; i = nextFit(i + 1, to)) {
                offer(i, -Allocation.freeAfter(pool, i, cpu, mem));
            }
        }
    }
}
