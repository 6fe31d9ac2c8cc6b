package org.sharercloud.contributor.internal.exec;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.timers.Timers;

/** Live usage from the runtime becomes USAGE events, throttled per run, in order with the logs, never after the end. */
public class AttemptRunTest {
    private final Timers timer = Timers.create("test-timer", 1);
    private final List<AttemptEvent> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);

    @After
    public void stop() {
        timer.close();
    }

    private AttemptRun run(long everyMillis) {
        StartAttempt s = new StartAttempt("a-1", "w-1", 0, 7, "busybox:1.36", List.of("true"), Map.of(), 1000, 64, 60, Map.of(), 1024);
        return new AttemptRun(s, (r, e) -> sent.add(e), timer, () -> { }, now::get, everyMillis);
    }

    private List<AttemptEvent> usages() {
        return sent.stream().filter(e -> e.type().equals(AttemptEvent.USAGE)).collect(Collectors.toList());
    }

    @Test
    public void firstSampleAtOnceThenOnePerInterval() {
        AttemptRun run = run(10_000);
        run.started();
        run.usage(0.8, 20);
        now.addAndGet(1_000);
        run.usage(1.7, 21);
        now.addAndGet(8_999);
        run.usage(9.5, 22);
        assertEquals("one USAGE in the first 10 s", 1, usages().size());
        now.addAndGet(1);
        run.usage(9.9, 25);
        now.addAndGet(10_000);
        run.usage(19.9, 30);
        List<AttemptEvent> u = usages();
        assertEquals(3, u.size());
        assertEquals(List.of(0.8, 9.9, 19.9), u.stream().map(AttemptEvent::cpuSeconds).collect(Collectors.toList()));
        assertEquals(Long.valueOf(30), u.get(2).peakMemoryMb());
        assertEquals("fenced with the attempt's token", 7, u.get(2).fencingToken());
    }

    @Test
    public void pendingOutputGoesFirstAndNothingFollowsTheResult() {
        AttemptRun run = run(0);
        run.started();
        run.output(false, "hello\n");
        run.usage(1.0, 10);
        run.usage(-1, 10);
        run.usage(Double.NaN, 10);
        run.finished(new RunResult(0, RunResult.SUCCEEDED, null, 2.0, 12, null));
        run.usage(3.0, 12);
        assertEquals(List.of("RUNNING", "LOG", "USAGE", "RESULT"), sent.stream().map(AttemptEvent::type).collect(Collectors.toList()));
        assertEquals(1.0, sent.get(2).cpuSeconds(), 1e-9);
    }
}
