package org.sharercloud.scheduler.internal.loop;

import org.sharercloud.api.scheduler.Demand;

/**
 * Demand sizes for which no candidate had room in the current pass, whatever the labels, runtime or
 * exclusions of the demand that found it out. Free capacity only shrinks during a pass (until a
 * preemption, which clears this), so any demand at least as large in CPU and memory cannot fit either
 * and is skipped without a scan. Only sizes that failed for lack of room may be added: a demand that
 * found no member because of its constraints, its runtime or its excluded members says nothing about
 * other demands ({@link SchedulingPass} checks {@link CandidatePool#hasRoomFor} before adding).
 * Keeps a few sizes only.
 */
final class FailedShapes {
    private static final int MAX = 8;
    private final int[] cpu = new int[MAX];
    private final int[] mem = new int[MAX];
    private int size;

    boolean dominates(Demand d) {
        for (int i = 0; i < size; i++) {
            if (d.cpuMillis() >= cpu[i] && d.memoryMb() >= mem[i]) {
                return true;
            }
        }
        return false;
    }

    /** Records a size no candidate has room for now. */
    void add(int cpuMillis, int memoryMb) {
        if (size < MAX) {
            cpu[size] = cpuMillis;
            mem[size] = memoryMb;
            size++;
        }
    }

    void clear() {
        size = 0;
    }
}
