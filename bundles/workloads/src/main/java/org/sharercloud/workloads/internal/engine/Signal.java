package org.sharercloud.workloads.internal.engine;

/** A monitor readers wait on until something new happened (a log chunk, a state change), bounded. */
public final class Signal {
    private long version;

    public synchronized long version() {
        return version;
    }

    public synchronized void fire() {
        version++;
        notifyAll();
    }

    /** Waits until the version moves past {@code seen} or {@code millis} pass; false on timeout. */
    public synchronized boolean await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
