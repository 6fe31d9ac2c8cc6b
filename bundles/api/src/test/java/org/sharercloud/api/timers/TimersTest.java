package org.sharercloud.api.timers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/** Periodic work survives its failures, runs on the module's named daemon threads and stops with close. */
public class TimersTest {
    @Test
    public void aPeriodicTaskThatThrowsRunsAgainAtItsNextPeriod() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        AtomicReference<Thread> thread = new AtomicReference<>();
        try (Timers timers = Timers.create("test", 1)) {
            timers.withFixedDelay("failing task", Duration.ZERO, Duration.ofMillis(10), () -> {
                thread.set(Thread.currentThread());
                three.countDown();
                throw new IllegalStateException("boom");
            });
            assertTrue("ran three times despite throwing each time", three.await(10, TimeUnit.SECONDS));
        }
        assertEquals("sharer-test", thread.get().getName());
        assertTrue(thread.get().isDaemon());
    }

    @Test
    public void aDelayedTaskRunsOnceAndNothingRunsAfterClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ran = new CountDownLatch(1);
        Timers timers = Timers.create("test-once", 2);
        timers.after(Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        timers.close();
        try {
            timers.after(Duration.ZERO, runs::incrementAndGet);
            throw new AssertionError("closed timers refuse work");
        } catch (RejectedExecutionException expected) {
            // refused
        }
        assertEquals(1, runs.get());
    }
}
