package org.sharercloud.contributor.internal.host;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import oshi.hardware.CentralProcessor;

public class CpuSamplerTest {
    private final AtomicReference<Double> machine = new AtomicReference<>(0.0);
    private final AtomicLong own = new AtomicLong();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private CpuSampler sampler() {
        CentralProcessor cpu = (CentralProcessor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CentralProcessor.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getLogicalProcessorCount" -> 4;
                    case "getSystemCpuLoadTicks" -> new long[8];
                    case "getSystemCpuLoadBetweenTicks" -> machine.get();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new CpuSampler(cpu, own::get, clock::get);
    }

    @Test
    public void ownerLoadIsTheMachineLoadLessOurs() {
        CpuSampler s = sampler();
        machine.set(0.7);
        own.addAndGet(800_000_000L); // 0.8 CPU-seconds over 1 s on 4 cores = 0.2 of the machine
        clock.addAndGet(1_000_000_000L);
        double[] loads = s.sample();
        assertEquals(0.7, loads[0], 1e-9);
        assertEquals(0.5, loads[1], 1e-9);
    }

    @Test
    public void eachSampleMeasuresOnlySinceThePreviousOne() {
        CpuSampler s = sampler();
        machine.set(0.9);
        own.addAndGet(4_000_000_000L);
        clock.addAndGet(1_000_000_000L);
        assertEquals("all of it was ours", 0.0, s.sample()[1], 1e-9);
        machine.set(0.9);
        clock.addAndGet(1_000_000_000L);
        assertEquals("we were idle this time", 0.9, s.sample()[1], 1e-9);
    }

    @Test
    public void loadsStayWithinZeroAndOne() {
        CpuSampler s = sampler();
        machine.set(Double.NaN);
        clock.addAndGet(1_000_000_000L);
        double[] loads = s.sample();
        assertEquals(0.0, loads[0], 0);
        assertEquals(0.0, loads[1], 0);

        machine.set(1.4);
        clock.addAndGet(1_000_000_000L);
        assertEquals(1.0, s.sample()[0], 0);

        machine.set(0.1);
        own.addAndGet(40_000_000_000L);
        clock.addAndGet(1_000_000_000L);
        assertEquals("more of ours than the machine saw is clamped", 0.0, s.sample()[1], 0);

        machine.set(0.5);
        assertEquals("no time passed", 0.5, s.sample()[1], 0);
    }
}
