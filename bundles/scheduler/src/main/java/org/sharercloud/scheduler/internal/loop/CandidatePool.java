package org.sharercloud.scheduler.internal.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/**
 * The members that passed the member-level checks in one pass, kept in flat arrays so that the
 * per-demand feasibility scan is cheap, with what this pass already placed subtracted. Members are also
 * grouped in blocks of {@value #BLOCK} consecutive indexes with their largest free CPU and memory, and a
 * version that changes whenever a member of the block is allocated on, so that strategies can keep
 * per-block summaries and skip whole blocks. Not thread-safe: one pass, one thread.
 */
public final class CandidatePool {
    /** Members per block. */
    public static final int BLOCK = 64;
    /** {@code i >> BLOCK_SHIFT} is member {@code i}'s block. */
    public static final int BLOCK_SHIFT = 6;
    private final int size;
    private final String[] ids;
    private final long[] cpuTotal;
    private final long[] memTotal;
    /** Free CPU and memory interleaved ({@code [2i]} cpu, {@code [2i+1]} memory), saturated to int: one cache line serves both checks. */
    private final int[] free;
    private final double[] ownerLoad;
    private final Map<String, String>[] labels;
    private final Map<String, RuntimeStatus>[] runtimes;
    private final Candidate[] cache;
    private final List<MemberVerdict> excluded;
    private long maxCpuFree = -1;
    private Map<Object, Object> attachments;
    private final int[] blockVersion;
    private final int[] blockMaxCpu;
    private final int[] blockMaxMem;
    private final boolean[] blockStale;
    /** Per (constraints, runtime): which candidates satisfy both, or {@link #ALL} when every one does. */
    private Map<MaskKey, boolean[]> labelMasks;
    private static final boolean[] ALL = new boolean[0];
    private static final int MAX_COUNTED_SHAPES = 64;
    /** Demand size (cpu, memory) to per-block {count, block version} of members with that much free. */
    private Map<Long, int[]> shapeCounts;

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
        this.cache = new Candidate[size];
        this.excluded = excluded;
        int blocks = (size + BLOCK - 1) >> BLOCK_SHIFT;
        this.blockVersion = new int[blocks];
        this.blockMaxCpu = new int[blocks];
        this.blockMaxMem = new int[blocks];
        this.blockStale = new boolean[blocks];
        java.util.Arrays.fill(blockStale, true);
        for (int i = 0; i < size; i++) {
            Member m = eligible.get(i);
            Capacity c = m.capacity() == null ? Capacity.NONE : m.capacity();
            ids[i] = m.id();
            cpuTotal[i] = c.cpuMillisTotal();
            memTotal[i] = c.memoryMbTotal();
            free[2 * i] = saturate(c.cpuMillisFree());
            free[2 * i + 1] = saturate(c.memoryMbFree());
            ownerLoad[i] = m.metrics() == null ? 0 : m.metrics().ownerLoad();
            labels[i] = m.host() == null || m.host().labels() == null ? Map.of() : m.host().labels();
            runtimes[i] = m.runtimes();
        }
    }

    /** Splits members into eligible ones (in list order) and excluded ones with their verdicts. */
    public static CandidatePool of(List<Member> members, int localHour) {
        List<MemberVerdict> excluded = new ArrayList<>();
        List<Member> eligible = new ArrayList<>(members.size());
        for (Member m : members) {
            MemberVerdict v = MemberEligibility.check(m, localHour);
            if (v == null) {
                eligible.add(m);
            } else {
                excluded.add(v);
            }
        }
        return new CandidatePool(excluded, eligible);
    }

    public int size() {
        return size;
    }

    public String id(int i) {
        return ids[i];
    }

    /** Members that failed a member-level check, with why. */
    public List<MemberVerdict> excluded() {
        return excluded;
    }

    /** Whether candidate {@code i} can take the demand now (capacity, runtime, labels and exclusions). */
    public boolean fits(int i, Demand d) {
        return free[2 * i] >= d.cpuMillis() && free[2 * i + 1] >= d.memoryMb()
                && runs(i, d.runtime()) && labelsMatch(labels[i], d.constraints())
                && !d.excludedMembers().contains(ids[i]);
    }

    /** Whether the named workload runtime works on candidate {@code i} now. */
    public boolean runs(int i, String runtime) {
        RuntimeStatus s = runtimes[i].get(runtime);
        return s != null && s.available();
    }

    /**
     * The first candidate in {@code [from, to)} that can take the demand now, or -1: the feasibility
     * scan for strategies that score from the flat arrays ({@link PoolScoring}).
     *
     * @param labelOk  which candidates satisfy the demand's labels and runtime, or null when none needs a check ({@link #labelCheck})
     * @param excluded members the demand must avoid, or null when there are none ({@link #exclusions})
     */
    public int nextFit(int from, int to, int cpuMillis, int memoryMb, boolean[] labelOk, Set<String> excluded) {
        for (int i = from; i < to; i++) {
            if (free[2 * i] >= cpuMillis && free[2 * i + 1] >= memoryMb
                    && (labelOk == null || labelOk[i])
                    && (excluded == null || !excluded.contains(ids[i]))) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #nextFit}'s test for one candidate. */
    public boolean fitsNow(int i, int cpuMillis, int memoryMb, boolean[] labelOk, Set<String> excluded) {
        return free[2 * i] >= cpuMillis && free[2 * i + 1] >= memoryMb
                && (labelOk == null || labelOk[i])
                && (excluded == null || !excluded.contains(ids[i]));
    }

    private record MaskKey(Map<String, String> constraints, String runtime) {
    }

    /**
     * Which candidates satisfy the demand's label constraints (see {@link #labelsMatch}) and run its
     * runtime now, computed once per distinct (constraints, runtime) in this pool; null when every
     * candidate does (the common case: no constraints, and the runtime works everywhere).
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
                mask[i] = runs(i, d.runtime()) && labelsMatch(labels[i], d.constraints());
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
        return maxCpuFree() >= cpuMillis && countCapacity(cpuMillis, memoryMb) > 0;
    }

    /** The demand's excluded members, or null when there are none (for {@link #nextFit}). */
    public static Set<String> exclusions(Demand d) {
        return d.excludedMembers().isEmpty() ? null : d.excludedMembers();
    }

    /** How many candidates can take the demand now (the {@link #fits} count). */
    public int countFits(Demand d) {
        boolean[] labelOk = labelCheck(d);
        Set<String> excl = exclusions(d);
        int n = 0;
        if (labelOk == null && excl == null) {
            return countCapacity(d.cpuMillis(), d.memoryMb());
        }
        for (int i = nextFit(0, size, d.cpuMillis(), d.memoryMb(), labelOk, excl); i >= 0;
                i = nextFit(i + 1, size, d.cpuMillis(), d.memoryMb(), labelOk, excl)) {
            n++;
        }
        return n;
    }

    /**
     * Members with this much CPU and memory free. Demands come in few sizes, so per size the count of
     * each block is kept with the block's version and only blocks allocated on since are counted again.
     */
    private int countCapacity(int cpu, int mem) {
        if (shapeCounts == null) {
            shapeCounts = new HashMap<>();
        }
        long shape = (long) cpu << 32 | (mem & 0xffffffffL);
        int[] cached = shapeCounts.get(shape);
        if (cached == null) {
            if (shapeCounts.size() >= MAX_COUNTED_SHAPES) {
                shapeCounts.clear();
            }
            cached = new int[2 * blockVersion.length];
            java.util.Arrays.fill(cached, -1);
            shapeCounts.put(shape, cached);
        }
        int n = 0;
        for (int b = 0; b < blockVersion.length; b++) {
            if (cached[2 * b] < 0 || cached[2 * b + 1] != blockVersion[b]) {
                int c = 0;
                for (int i = b << BLOCK_SHIFT, end = Math.min(size, (b + 1) << BLOCK_SHIFT); i < end; i++) {
                    c += free[2 * i] >= cpu & free[2 * i + 1] >= mem ? 1 : 0;
                }
                cached[2 * b] = c;
                cached[2 * b + 1] = blockVersion[b];
            }
            n += cached[2 * b];
        }
        return n;
    }

    public int blocks() {
        return blockVersion.length;
    }

    /** Changes whenever a member of block {@code b} is allocated on; summaries of the block older than it are stale. */
    public int blockVersion(int b) {
        return blockVersion[b];
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
        return blockMaxCpu[b] >= cpuMillis && blockMaxMem[b] >= memoryMb;
    }

    public long cpuTotal(int i) {
        return cpuTotal[i];
    }

    public long memoryTotal(int i) {
        return memTotal[i];
    }

    /** Free CPU of candidate {@code i} after this pass's allocations, as in {@link #candidate}. */
    public long cpuFree(int i) {
        return free[2 * i];
    }

    /** Free memory of candidate {@code i} after this pass's allocations, as in {@link #candidate}. */
    public long memoryFree(int i) {
        return free[2 * i + 1];
    }

    public double ownerLoad(int i) {
        return ownerLoad[i];
    }

    /**
     * What a strategy keeps about this pool under {@code key} (e.g. per-member forecasts resolved
     * by index), or null. The pool lives for one pass on one thread, so no locking is needed.
     */
    public Object attachment(Object key) {
        return attachments == null ? null : attachments.get(key);
    }

    /** Stores {@code value} under {@code key} (compared by identity) for this pool's lifetime. */
    public void attach(Object key, Object value) {
        if (attachments == null) {
            attachments = new IdentityHashMap<>(4);
        }
        attachments.put(key, value);
    }

    /** Capacity part of {@link #fits}, for the placement hot loop. */
    public boolean fitsCapacity(int i, int cpuMillis, int memoryMb) {
        return free[2 * i] >= cpuMillis && free[2 * i + 1] >= memoryMb;
    }

    /** Label part of {@link #fits}. */
    public boolean fitsLabels(int i, Map<String, String> constraints) {
        return labelsMatch(labels[i], constraints);
    }

    /** Whether candidate {@code i} could ever take the demand (total capacity, runtime and labels). */
    public boolean couldFit(int i, Demand d) {
        return cpuTotal[i] >= d.cpuMillis() && memTotal[i] >= d.memoryMb()
                && runs(i, d.runtime()) && labelsMatch(labels[i], d.constraints());
    }

    /** The verdict for candidate {@code i} and the demand, or null when it fits. */
    public MemberVerdict verdict(int i, Demand d) {
        if (!runs(i, d.runtime())) {
            return new MemberVerdict(ids[i], RejectReason.RUNTIME_UNAVAILABLE, runtimeDetail(runtimes[i], d.runtime()));
        }
        if (d.excludedMembers().contains(ids[i])) {
            return new MemberVerdict(ids[i], RejectReason.EXCLUDED_AFTER_FAILURE, "an earlier attempt of this replica was lost or failed there");
        }
        if (!labelsMatch(labels[i], d.constraints())) {
            return new MemberVerdict(ids[i], RejectReason.CONSTRAINT_MISMATCH,
                    "requires " + d.constraints() + ", has " + labels[i]);
        }
        if (free[2 * i] < d.cpuMillis()) {
            return new MemberVerdict(ids[i], RejectReason.INSUFFICIENT_CPU,
                    "needs " + d.cpuMillis() + "m cpu, " + free[2 * i] + "m free of " + cpuTotal[i] + "m");
        }
        if (free[2 * i + 1] < d.memoryMb()) {
            return new MemberVerdict(ids[i], RejectReason.INSUFFICIENT_MEMORY,
                    "needs " + d.memoryMb() + " MB, " + free[2 * i + 1] + " MB free of " + memTotal[i] + " MB");
        }
        return null;
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
        blockVersion[i >> BLOCK_SHIFT]++;
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

    /**
     * Why the runtime does not work on a member with these runtimes, in words: the agent's own detail
     * (e.g. "no reachable Docker engine at unix:///var/run/docker.sock"), or that it does not offer it.
     */
    public static String runtimeDetail(Map<String, RuntimeStatus> runtimes, String runtime) {
        RuntimeStatus s = runtimes == null ? null : runtimes.get(runtime);
        if (s == null) {
            return "does not offer the " + runtime + " runtime";
        }
        return s.detail() == null || s.detail().isBlank() ? "the " + runtime + " runtime is unavailable" : s.detail();
    }

    /**
     * Label match: the member carries every wanted label with exactly that value. (Unsandboxed work is
     * kept apart by runtimes, not labels: a workload runs only with the runtime it names, see {@link #runs}.)
     */
    static boolean labelsMatch(Map<String, String> have, Map<String, String> want) {
        for (Map.Entry<String, String> e : want.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
