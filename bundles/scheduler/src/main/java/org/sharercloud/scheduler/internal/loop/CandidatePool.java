package org.sharercloud.scheduler.internal.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.scheduler.internal.feasibility.CapacityChecker;
import org.sharercloud.scheduler.internal.feasibility.ExclusionChecker;
import org.sharercloud.scheduler.internal.feasibility.Feasibility;
import org.sharercloud.scheduler.internal.feasibility.MemberFacts;
import org.sharercloud.scheduler.internal.feasibility.MemberList;

/**
 * The members that passed the member stage of {@link Feasibility} in one pass, kept in flat arrays so that
 * the per-demand feasibility scan is cheap, with what this pass already placed subtracted. Members are also
 * grouped in blocks of {@value #BLOCK} consecutive indexes with their largest free CPU and memory, and a
 * version that changes whenever a member of the block is allocated on, so that strategies can keep
 * per-block summaries ({@link PoolLocal}) and skip whole blocks. Not thread-safe: one pass, one thread.
 *
 * <p>The pool decides nothing itself: its fast paths ({@link #nextFit}, {@link #labelCheck},
 * {@link #countFits}, {@link #hasRoomFor}) precompute and combine the checks of {@link Feasibility} (the
 * fixed checks as masks, capacity and exclusions in the scan), and "why not" is the chain's own verdict
 * over this pool's facts ({@link Feasibility#demandVerdict}).
 */
public final class CandidatePool implements MemberFacts {
    /** Members per block. */
    public static final int BLOCK = 64;
    /** {@code i >> BLOCK_SHIFT} is member {@code i}'s block. */
    public static final int BLOCK_SHIFT = 6;
    /** Allocations per block whose member {@link #changedMember} still tells (a power of two). */
    public static final int CHANGE_LOG = 8;
    private final int size;
    private final String[] ids;
    private final long[] cpuTotal;
    private final long[] memTotal;
    /** Free CPU and memory interleaved ({@code [2i]} cpu, {@code [2i+1]} memory), saturated to int: one cache line serves both checks. */
    private final int[] free;
    private final double[] ownerLoad;
    private final Map<String, String>[] labels;
    private final Map<String, RuntimeStatus>[] runtimes;
    private final Member[] members;
    private final Candidate[] cache;
    private final List<MemberVerdict> excluded;
    private long maxCpuFree = -1;
    /** Strategies' per-pool state, by {@link PoolLocal} index. */
    private Object[] locals = new Object[0];
    private final int[] blockVersion;
    private final int[] blockMaxCpu;
    private final int[] blockMaxMem;
    private final boolean[] blockStale;
    /** Per block, the member of each of its last {@link #CHANGE_LOG} allocations: {@code [b * CHANGE_LOG + version % CHANGE_LOG]}. */
    private final int[] changeLog;
    /** Per (constraints, runtime): which candidates satisfy both, or {@link #ALL} when every one does. */
    private Map<MaskKey, boolean[]> labelMasks;
    private static final boolean[] ALL = new boolean[0];
    /** Who has room for each demand size, for the feasible count; made on first use. */
    private CapacityBits capacityBits;

    @SuppressWarnings("unchecked")
    private CandidatePool(List<MemberVerdict> excluded, List<Member> eligible) {
        this.size = eligible.size();
        this.ids = new String[size];
        this.cpuTotal = new long[size];
        this.memTotal = new long[size];
        this.free = new int[2 * size];
        this.ownerLoad = new double[size];
        this.labels = new Map[size];
        this.runtimes = new Map[size];
        this.members = eligible.toArray(new Member[0]);
        this.cache = new Candidate[size];
        this.excluded = excluded;
        int blocks = (size + BLOCK - 1) >> BLOCK_SHIFT;
        this.blockVersion = new int[blocks];
        this.blockMaxCpu = new int[blocks];
        this.blockMaxMem = new int[blocks];
        this.blockStale = new boolean[blocks];
        this.changeLog = new int[blocks * CHANGE_LOG];
        java.util.Arrays.fill(blockStale, true);
        for (int i = 0; i < size; i++) {
            Member m = eligible.get(i);
            Capacity c = MemberList.capacityOf(m);
            ids[i] = m.id();
            cpuTotal[i] = c.cpuMillisTotal();
            memTotal[i] = c.memoryMbTotal();
            free[2 * i] = saturate(c.cpuMillisFree());
            free[2 * i + 1] = saturate(c.memoryMbFree());
            ownerLoad[i] = m.metrics() == null ? 0 : m.metrics().ownerLoad();
            labels[i] = MemberList.labelsOf(m);
            runtimes[i] = m.runtimes();
        }
    }

    /**
     * Splits members into eligible ones (in list order) and excluded ones with their verdicts: the member
     * stage of {@link Feasibility} at this local hour.
     */
    public static CandidatePool of(List<Member> members, int localHour) {
        Feasibility feasibility = Feasibility.at(localHour);
        MemberList all = MemberList.of(members);
        List<MemberVerdict> excluded = new ArrayList<>();
        List<Member> eligible = new ArrayList<>(members.size());
        for (int i = 0; i < all.size(); i++) {
            MemberVerdict v = feasibility.memberVerdict(all, i);
            if (v == null) {
                eligible.add(members.get(i));
            } else {
                excluded.add(v);
            }
        }
        return new CandidatePool(excluded, eligible);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String id(int i) {
        return ids[i];
    }

    @Override
    public Member member(int i) {
        return members[i];
    }

    @Override
    public Map<String, String> labels(int i) {
        return labels[i];
    }

    @Override
    public Map<String, RuntimeStatus> runtimes(int i) {
        return runtimes[i];
    }

    /** Members that failed a member-level check, with why. */
    public List<MemberVerdict> excluded() {
        return excluded;
    }

    /**
     * The first candidate in {@code [from, to)} that can take the demand now, or -1: the feasibility
     * scan for strategies that score from the flat arrays ({@link PoolScoring}). The same decision as
     * {@link Feasibility#feasible}: capacity and exclusions tested here, the fixed checks read from the mask.
     *
     * @param labelOk  which candidates satisfy the demand's labels and runtime, or null when none needs a check ({@link #labelCheck})
     * @param excluded members the demand must avoid, or null when there are none ({@link #exclusions})
     */
    public int nextFit(int from, int to, int cpuMillis, int memoryMb, boolean[] labelOk, Set<String> excluded) {
        for (int i = from; i < to; i++) {
            if (fitsNow(i, cpuMillis, memoryMb, labelOk, excluded)) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #nextFit}'s test for one candidate. */
    public boolean fitsNow(int i, int cpuMillis, int memoryMb, boolean[] labelOk, Set<String> excluded) {
        return CapacityChecker.fits(free[2 * i], free[2 * i + 1], cpuMillis, memoryMb)
                && (labelOk == null || labelOk[i])
                && (excluded == null || ExclusionChecker.allows(excluded, ids[i])); // ids[] read only when there are exclusions
    }

    private record MaskKey(Map<String, String> constraints, String runtime) {
    }

    /**
     * Which candidates pass the {@link Feasibility#FIXED} checks for the demand (its runtime works there
     * now, its label constraints match), computed once per distinct (constraints, runtime) in this pool;
     * null when every candidate does (the common case: no constraints, and the runtime works everywhere).
     */
    public boolean[] labelCheck(Demand d) {
        if (labelMasks == null) {
            labelMasks = new HashMap<>();
        }
        MaskKey key = new MaskKey(d.constraints(), d.runtime());
        boolean[] mask = labelMasks.get(key);
        if (mask == null) {
            mask = new boolean[size];
            boolean all = true;
            for (int i = 0; i < size; i++) {
                mask[i] = Feasibility.fixedPasses(this, i, d);
                all &= mask[i];
            }
            mask = all ? ALL : mask;
            labelMasks.put(key, mask);
        }
        return mask == ALL ? null : mask;
    }

    /**
     * Whether some candidate has this much CPU and memory free, whatever its labels, runtime or the
     * demand's exclusions: when none has, no demand at least this large fits anywhere in this pass.
     */
    public boolean hasRoomFor(int cpuMillis, int memoryMb) {
        return maxCpuFree() >= cpuMillis && capacityBits().count(cpuMillis, memoryMb, null) > 0;
    }

    /** The demand's excluded members, or null when there are none (for {@link #nextFit}). */
    public static Set<String> exclusions(Demand d) {
        return d.excludedMembers().isEmpty() ? null : d.excludedMembers();
    }

    /** How many candidates can take the demand now (those {@link Feasibility#feasible} for it). */
    public int countFits(Demand d) {
        boolean[] labelOk = labelCheck(d);
        Set<String> excl = exclusions(d);
        int n = 0;
        if (excl == null) {
            return capacityBits().count(d.cpuMillis(), d.memoryMb(), labelOk);
        }
        for (int i = nextFit(0, size, d.cpuMillis(), d.memoryMb(), labelOk, excl); i >= 0;
                i = nextFit(i + 1, size, d.cpuMillis(), d.memoryMb(), labelOk, excl)) {
            n++;
        }
        return n;
    }

    private CapacityBits capacityBits() {
        if (capacityBits == null) {
            capacityBits = new CapacityBits(this);
        }
        return capacityBits;
    }

    public int blocks() {
        return blockVersion.length;
    }

    /** Changes whenever a member of block {@code b} is allocated on; summaries of the block older than it are stale. */
    public int blockVersion(int b) {
        return blockVersion[b];
    }

    /**
     * The member whose allocation (or give-back) moved block {@code b} to {@code version}, or -1 when that is
     * no longer known: {@code version} must be one of the block's last {@link #CHANGE_LOG} versions. A summary
     * of the block at version {@code v} is brought up to date by looking again at the members changed at
     * versions {@code v + 1 .. blockVersion(b)} (the same member may appear more than once); nobody else changed.
     */
    public int changedMember(int b, int version) {
        int behind = blockVersion[b] - version;
        return behind >= 0 && behind < CHANGE_LOG && version != 0 ? changeLog[b * CHANGE_LOG + (version & (CHANGE_LOG - 1))] : -1;
    }

    /** Whether some member of block {@code b} has this much CPU and (maybe another member) this much memory free. */
    public boolean blockMayFit(int b, int cpuMillis, int memoryMb) {
        if (blockStale[b]) {
            int cpu = Integer.MIN_VALUE;
            int mem = Integer.MIN_VALUE;
            for (int i = b << BLOCK_SHIFT, end = Math.min(size, (b + 1) << BLOCK_SHIFT); i < end; i++) {
                cpu = Math.max(cpu, free[2 * i]);
                mem = Math.max(mem, free[2 * i + 1]);
            }
            blockMaxCpu[b] = cpu;
            blockMaxMem[b] = mem;
            blockStale[b] = false;
        }
        return CapacityChecker.fits(blockMaxCpu[b], blockMaxMem[b], cpuMillis, memoryMb);
    }

    @Override
    public long cpuTotal(int i) {
        return cpuTotal[i];
    }

    @Override
    public long memoryTotal(int i) {
        return memTotal[i];
    }

    /** Free CPU of candidate {@code i} after this pass's allocations, as in {@link #candidate}. */
    @Override
    public long cpuFree(int i) {
        return free[2 * i];
    }

    /** Free memory of candidate {@code i} after this pass's allocations, as in {@link #candidate}. */
    @Override
    public long memoryFree(int i) {
        return free[2 * i + 1];
    }

    public double ownerLoad(int i) {
        return ownerLoad[i];
    }

    /** {@link PoolLocal}'s slot {@code index}, or null. */
    Object local(int index) {
        return index < locals.length ? locals[index] : null;
    }

    void setLocal(int index, Object value) {
        if (index >= locals.length) {
            locals = java.util.Arrays.copyOf(locals, index + 1);
        }
        locals[index] = value;
    }

    /** Capacity part of {@link #fitsNow}, for the placement hot loop. */
    public boolean fitsCapacity(int i, int cpuMillis, int memoryMb) {
        return CapacityChecker.fits(free[2 * i], free[2 * i + 1], cpuMillis, memoryMb);
    }

    /** The candidate as strategies see it, reflecting this pass's allocations. */
    public Candidate candidate(int i) {
        Candidate c = cache[i];
        if (c == null) {
            c = Candidate.of(ids[i], new Capacity(cpuTotal[i], free[2 * i], memTotal[i], free[2 * i + 1]), ownerLoad[i],
                    labels[i]);
            cache[i] = c;
        }
        return c;
    }

    /** Books resources on candidate {@code i}; negative amounts give them back (preemption). */
    public void allocate(int i, long cpuMillis, long memoryMb) {
        boolean wasMax = free[2 * i] >= maxCpuFree;
        free[2 * i] = saturate(free[2 * i] - cpuMillis);
        free[2 * i + 1] = saturate(free[2 * i + 1] - memoryMb);
        cache[i] = null;
        int version = ++blockVersion[i >> BLOCK_SHIFT];
        changeLog[(i >> BLOCK_SHIFT) * CHANGE_LOG + (version & (CHANGE_LOG - 1))] = i;
        blockStale[i >> BLOCK_SHIFT] = true;
        if (maxCpuFree >= 0) {
            if (cpuMillis < 0) {
                maxCpuFree = Math.max(maxCpuFree, free[2 * i]);
            } else if (wasMax && cpuMillis > 0) {
                maxCpuFree = -1; // the maximum may have dropped: recompute when next asked
            }
        }
    }

    /** The most free CPU on any candidate, to skip demands nothing can take in O(1). */
    public long maxCpuFree() {
        if (maxCpuFree < 0) {
            long max = 0;
            for (int b = 0; b < blockVersion.length; b++) {
                blockMayFit(b, 0, 0); // refreshes the block's maxima when stale
                max = Math.max(max, blockMaxCpu[b]);
            }
            maxCpuFree = max;
        }
        return maxCpuFree;
    }

    private static int saturate(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
