package org.sharercloud.contributor.internal.host;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import oshi.hardware.CentralProcessor;

/** The subtraction: what is ours, summed from counters that restart, disappear or are unknown for a while. */
public class OwnCpuTest {
    private final AtomicLong jvm = new AtomicLong();
    private final Map<Object, Long> runtimes = new LinkedHashMap<>();
    private final Map<Object, Long> processes = new LinkedHashMap<>();
    private final OwnCpu ours = new OwnCpu(List.of(OwnCpu.single("jvm", jvm::get), out -> runtimes.forEach(out),
            out -> processes.forEach(out)));

    @Test
    public void sumsTheIncreasesOfEveryCounter() {
        jvm.set(5_000);
        runtimes.put("docker", 1_000_000L);
        assertEquals("the first reading is only a baseline", 0, ours.getAsLong());
        jvm.addAndGet(100);
        runtimes.put("docker", 1_000_300L);
        assertEquals(400, ours.getAsLong());
        assertEquals("nothing moved", 400, ours.getAsLong());
    }

    @Test
    public void aRestartedOrNewCounterAddsNoJump() {
        runtimes.put("docker", 9_000_000L);
        ours.getAsLong();
        runtimes.put("docker", 50L); // the cgroup was recreated
        assertEquals(0, ours.getAsLong());
        runtimes.put("docker", 80L);
        assertEquals(30, ours.getAsLong());
        runtimes.put("process", 7_000_000_000L); // a runtime that appeared with its own history
        assertEquals(30, ours.getAsLong());
        runtimes.put("process", 7_000_000_010L);
        assertEquals(40, ours.getAsLong());
    }

    @Test
    public void anUnknownReadingPausesThatCounterOnly() {
        runtimes.put("docker", 100L);
        jvm.set(10);
        ours.getAsLong();
        runtimes.put("docker", -1L);
        jvm.set(20);
        assertEquals(10, ours.getAsLong());
        runtimes.put("docker", 500L);
        assertEquals("re-baselined after the gap", 10, ours.getAsLong());
        runtimes.put("docker", 600L);
        assertEquals(110, ours.getAsLong());
    }

    @Test
    public void aProcessThatExitsAndAnotherWithItsPidAreDifferentCounters() {
        ExcludedProcesses.Key first = new ExcludedProcesses.Key(4242, java.time.Instant.ofEpochSecond(1));
        processes.put(first, 1_000L);
        ours.getAsLong();
        processes.put(first, 1_500L);
        assertEquals(500, ours.getAsLong());
        processes.clear();
        assertEquals(500, ours.getAsLong());
        processes.put(new ExcludedProcesses.Key(4242, java.time.Instant.ofEpochSecond(99)), 9_000_000L);
        assertEquals("the new process starts from its baseline", 500, ours.getAsLong());
    }

    @Test
    public void withTheSamplerOurContainersAndTheCoordinatorNextDoorAreNotTheOwners() {
        AtomicReference<Double> machine = new AtomicReference<>(0.0);
        AtomicLong clock = new AtomicLong(0);
        CentralProcessor cpu = (CentralProcessor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CentralProcessor.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getLogicalProcessorCount" -> 2;
                    case "getSystemCpuLoadTicks" -> new long[8];
                    case "getSystemCpuLoadBetweenTicks" -> machine.get();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Object coordinator = new ExcludedProcesses.Key(77, java.time.Instant.EPOCH);
        runtimes.put("docker", 0L);
        processes.put(coordinator, 0L);
        CpuSampler sampler = new CpuSampler(cpu, ours, clock::get);
        // 5 s on 2 cores: containers 4 CPU-s, coordinator 2 CPU-s, agent 0.5 CPU-s, the owner's programs 1 CPU-s
        machine.set(0.75);
        runtimes.put("docker", 4_000_000_000L);
        processes.put(coordinator, 2_000_000_000L);
        jvm.addAndGet(500_000_000L);
        clock.addAndGet(5_000_000_000L);
        double[] loads = sampler.sample();
        assertEquals(0.75, loads[0], 1e-9);
        assertEquals("only the owner's 1 CPU-s of 10", 0.1, loads[1], 1e-9);
    }
}
