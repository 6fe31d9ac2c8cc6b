package org.sharercloud.scheduler.internal.loop;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Which members of a {@link CandidatePool} have room for a demand size, a bit per member ({@code 1L << i} in
 * word {@code i >> BLOCK_SHIFT}), for counting the feasible members of the placement reason with
 * {@link Long#bitCount}. Demands come in few sizes, so per size the words are kept with their block's version;
 * a block allocated on since is brought up to date by testing again only the members its allocations changed
 * ({@link CandidatePool#changedMember}), or all of its members when they are too many to tell. Not
 * thread-safe, like the pool.
 */
final class CapacityBits {
    private static final int MAX_SIZES = 64;
    private final CandidatePool pool;
    /** Demand size (cpu, memory) to its words. */
    private final Map<Long, Words> sizes = new HashMap<>();
    /** A {@link CandidatePool#labelCheck} mask as words, by identity (the pool keeps one array per mask). */
    private final Map<boolean[], long[]> labelWords = new IdentityHashMap<>();

    CapacityBits(CandidatePool pool) {
        this.pool = pool;
    }

    /** Members with this much CPU and memory free, among those {@code labelOk} passes (all when null). */
    int count(int cpu, int mem, boolean[] labelOk) {
        long[] fits = fitting(cpu, mem);
        int n = 0;
        if (labelOk == null) {
            for (long bits : fits) {
                n += Long.bitCount(bits);
            }
            return n;
        }
        long[] ok = labelWords.computeIfAbsent(labelOk, CapacityBits::words);
        for (int b = 0; b < fits.length; b++) {
            n += Long.bitCount(fits[b] & ok[b]);
        }
        return n;
    }

    private static long[] words(boolean[] mask) {
        long[] w = new long[(mask.length + CandidatePool.BLOCK - 1) >> CandidatePool.BLOCK_SHIFT];
        for (int i = 0; i < mask.length; i++) {
            w[i >> CandidatePool.BLOCK_SHIFT] |= mask[i] ? 1L << i : 0; // a long shift takes the low 6 bits: i % 64
        }
        return w;
    }

    private long[] fitting(int cpu, int mem) {
        long size = (long) cpu << 32 | (mem & 0xffffffffL);
        Words f = sizes.get(size);
        if (f == null) {
            if (sizes.size() >= MAX_SIZES) {
                sizes.clear();
            }
            f = new Words(pool.blocks());
            sizes.put(size, f);
        }
        for (int b = 0; b < f.bits.length; b++) {
            int now = pool.blockVersion(b);
            if (f.known[b] && f.version[b] == now) {
                continue;
            }
            boolean updated = f.known[b] && now - f.version[b] <= CandidatePool.CHANGE_LOG;
            for (int v = f.version[b] + 1; updated && v - now <= 0; v++) {
                int i = pool.changedMember(b, v);
                if (i < 0) {
                    updated = false;
                } else if (pool.fitsCapacity(i, cpu, mem)) {
                    f.bits[b] |= 1L << i;
                } else {
                    f.bits[b] &= ~(1L << i);
                }
            }
            if (!updated) {
                long bits = 0;
                for (int i = b << CandidatePool.BLOCK_SHIFT, end = Math.min(pool.size(), (b + 1) << CandidatePool.BLOCK_SHIFT); i < end; i++) {
                    bits |= pool.fitsCapacity(i, cpu, mem) ? 1L << i : 0;
                }
                f.bits[b] = bits;
                f.known[b] = true;
            }
            f.version[b] = now;
        }
        return f.bits;
    }

    /** One demand size's words, with the block version each is for. */
    private static final class Words {
        final long[] bits;
        final int[] version;
        final boolean[] known;

        Words(int blocks) {
            bits = new long[blocks];
            version = new int[blocks];
            known = new boolean[blocks];
        }
    }
}
