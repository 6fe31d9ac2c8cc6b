package org.sharercloud.workloads.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/** Asynchronous readers: woken by news about their key or for everyone, bounded by their wait, released at close. */
public class SignalTest {
    private final Signal signal = new Signal();

    @After
    public void close() {
        signal.close();
    }

    @Test
    public void aReaderWakesForItsKeyOrForEveryoneNotForOthers() throws Exception {
        CompletableFuture<Boolean> a = signal.next("a", signal.version(), Duration.ofSeconds(30));
        CompletableFuture<Boolean> b = signal.next("b", signal.version(), Duration.ofSeconds(30));
        assertEquals(2, signal.parked());
        signal.fire(List.of("b"));
        assertTrue(b.get(10, TimeUnit.SECONDS));
        assertFalse("news about b does not wake a", a.isDone());
        assertEquals(1, signal.parked());
        signal.fire();
        assertTrue(a.get(10, TimeUnit.SECONDS));
        assertEquals(0, signal.parked());
    }

    @Test
    public void newsBetweenReadingAndParkingIsNotLost() throws Exception {
        long seen = signal.version();
        signal.fire(List.of("x"));
        assertTrue("answered at once", signal.next("a", seen, Duration.ofSeconds(30)).getNow(false));
    }

    @Test
    public void aReaderStopsWaitingAfterItsWaitAndAtClose() throws Exception {
        assertFalse(signal.next("a", signal.version(), Duration.ofMillis(50)).get(10, TimeUnit.SECONDS));
        assertEquals("the timed-out reader is forgotten", 0, signal.parked());
        CompletableFuture<Boolean> parked = signal.next("a", signal.version(), Duration.ofMinutes(10));
        CompletableFuture<String> late = signal.within(new CompletableFuture<>(), Duration.ofMillis(50), () -> new IllegalStateException("late"))
                .handle((v, e) -> e.getMessage());
        assertEquals("late", late.get(10, TimeUnit.SECONDS));
        signal.close();
        assertTrue("close wakes every reader", parked.get(10, TimeUnit.SECONDS));
    }
}
