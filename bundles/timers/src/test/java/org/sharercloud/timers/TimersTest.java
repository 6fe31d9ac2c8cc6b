package org.sharercloud.timers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
        timers.after("once", Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        timers.close();
        assertNull("closed timers refuse work", timers.after("late", Duration.ZERO, runs::incrementAndGet));
        assertEquals(1, runs.get());
    }

    @Test
    public void closedTimersRefuseEveryKindOfWorkWithoutThrowing() {
        Timers timers = Timers.create("test-closed", 2);
        timers.close();
        assertFalse(timers.run("late", () -> { }));
        assertNull(timers.atFixedRate("late", Duration.ZERO, Duration.ofSeconds(1), () -> { }));
        assertNull(timers.withFixedDelay("late", Duration.ZERO, Duration.ofSeconds(1), () -> { }));
    }

    @Test
    public void aFailedOneOffTaskDoesNotStopTheThread() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        try (Timers timers = Timers.create("test-one-off", 1)) {
            assertTrue(timers.run("failing", () -> {
                throw new IllegalStateException("boom");
            }));
            assertTrue(timers.run("next", second::countDown));
            assertTrue("the task after a failed one ran within 10 s", second.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    public void closeInterruptsARunningTaskAndWaitsForIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger ended = new AtomicInteger();
        Timers timers = Timers.create("test-interrupt", 1);
        timers.after("sleeper", Duration.ZERO, () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                ended.incrementAndGet();
            }
        });
        assertTrue("the task started within 10 s", started.await(10, TimeUnit.SECONDS));
        timers.close();
        assertEquals("close returned after the interrupted task ended", 1, ended.get());
    }

    @Test
    public void aTaskMayCloseItsOwnTimers() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Timers timers = Timers.create("test-self", 1);
        timers.run("closer", () -> {
            timers.close();
            done.countDown();
        });
        assertTrue("closing from its own thread did not wait on itself", done.await(4, TimeUnit.SECONDS));
    }
}
