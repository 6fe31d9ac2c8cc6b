package org.sharercloud.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class PassRunnerTest {
    @Test
    public void burstDuringAPassCausesExactlyOneMorePass() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        try (PassRunner runner = new PassRunner("test-scheduler", () -> {
            int n = passes.incrementAndGet();
            if (n == 1) {
                inFirst.countDown();
                await(release);
            } else if (n == 2) {
                second.countDown();
            }
        })) {
            runner.trigger();
            assertTrue("first pass did not start within 5 s", inFirst.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 100; i++) {
                runner.trigger();
            }
            release.countDown();
            assertTrue("second pass did not run within 5 s", second.await(5, TimeUnit.SECONDS));
            assertEquals("100 triggers during one pass must coalesce into one more pass", 2, passes.get());
            runner.trigger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (passes.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("a trigger after the burst runs a pass: the runner is idle, not stuck", 3, passes.get());
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
