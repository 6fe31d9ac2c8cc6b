package org.sharercloud.runtime.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Samples a process tree from {@code /proc}: CPU time (own plus reaped children's, in clock ticks
 * of 1/100 s) and the peak resident memory of the processes alive at each sample.
 */
final class ProcessUsage {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private volatile long ticks;
    private volatile long peakKb;

    void sample(ProcessHandle root) {
        long t = 0;
        long kb = 0;
        for (ProcessHandle h : (Iterable<ProcessHandle>) Stream.concat(Stream.of(root), root.descendants())::iterator) {
            t += cpuTicks(h.pid());
            kb += peakRssKb(h.pid());
        }
        ticks = Math.max(ticks, t);
        peakKb = Math.max(peakKb, kb);
    }

    double cpuSeconds() {
        return ticks / TICKS_PER_SECOND;
    }

    /** CPU time of the tree as of the last sample, in nanoseconds. */
    long cpuNanos() {
        return ticks * (1_000_000_000L / (long) TICKS_PER_SECOND);
    }

    long peakMemoryMb() {
        return (peakKb + 1023) / 1024;
    }

    /** utime + stime + cutime + cstime from /proc/pid/stat (fields 14-17). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0; // gone between listing and reading
        }
    }

    static long peakRssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
