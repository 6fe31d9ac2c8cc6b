package org.sharercloud.simulator.internal;

/**
 * The owner load of one machine: CPU use 0..1 every {@code stepSeconds}, replayed cyclically, with the
 * machine's size.
 */
public record LoadTrace(String id, int cores, long memoryMb, int stepSeconds, double[] load) {

    public double loadAt(long t) {
        int i = (int) ((t / stepSeconds) % load.length);
        return load[i];
    }

    /** Mean load over [from, to), sampled at the trace's step. */
    public double meanLoad(long from, long to) {
        double sum = 0;
        int n = 0;
        for (long t = from - from % stepSeconds; t < to; t += stepSeconds) {
            sum += loadAt(t);
            n++;
        }
        return n == 0 ? loadAt(from) : sum / n;
    }
}
