package org.sharercloud.scheduler.internal.loop;

import org.sharercloud.api.scheduler.Demand;

/**
 * Demand sizes that found no member in the current pass. Free capacity only shrinks during a pass
 * (until a preemption, which clears this), so a demand at least as large in CPU and memory, with no
 * constraints, cannot fit either and is skipped without a scan. Keeps a few sizes only.
 */
final class FailedShapes {
    private static final int MAX = 8;
    private final int[] cpu = new int[MAX];
    private final int[] mem = new int[MAX];
    private int size;

    boolean dominates(Demand d) {
        if (!d.constraints().isEmpty()) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (d.cpuMillis() >= cpu[i] && d.memoryMb() >= mem[i]) {
                return true;
            }
        }
        return false;
    }

    void add(Demand d) {
        if (d.constraints().isEmpty() && size < MAX) {
            cpu[size] = d.cpuMillis();
            mem[size] = d.memoryMb();
            size++;
        }
    }

    void clear() {
        size = 0;
    }
}
