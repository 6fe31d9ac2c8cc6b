package org.sharercloud.scheduler.internal.autoscale;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.ReplicaUsage;
import org.sharercloud.api.workloads.ServiceLoad;
import org.sharercloud.api.workloads.ServiceScaler;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.forecast.internal.SeasonalNaiveForecaster;
import org.sharercloud.scheduler.internal.SchedulerConfig;
import org.sharercloud.scheduler.internal.TestConfig;

/** The timer component over a faked ServiceScaler: measuring, applying, skipping, forgetting. */
public class AutoscalerComponentTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final List<ServiceLoad> loads = new ArrayList<>();
    private final List<String> scaled = new ArrayList<>();
    private AutoscalerComponent c;

    private final ServiceScaler fake = new ServiceScaler() {
        @Override
        public List<ServiceLoad> autoscaled() {
            return List.copyOf(loads);
        }

        @Override
        public Workload scale(String workloadId, int replicas, String reason) {
            if (workloadId.equals("gone")) {
                throw ApiException.conflict("workload gone is already CANCELLED");
            }
            scaled.add(workloadId + "=" + replicas + " " + reason);
            return null;
        }
    };

    @After
    public void stop() {
        if (c != null) {
            c.deactivate();
        }
    }

    private static ReplicaUsage used(int replica, double cores, Instant at) {
        return new ReplicaUsage("a" + replica, replica, 100, at, cores);
    }

    @Test
    public void scalesFromMeasuredCpuAndSkipsWhatItCannotMeasure() {
        c = new AutoscalerComponent(fake, config(true), Clock.fixed(NOW, ZoneOffset.UTC), false);
        c.addForecaster(new SeasonalNaiveForecaster(), Map.of("name", "seasonal-naive"));
        // 2 replicas of 500 millicores; one uses 0.45 cores, the other has no rate yet: ~0.9 cores = 1.8 replicas' worth
        loads.add(new ServiceLoad("web", AutoscalePolicy.reactive(1, 10, 50), 2, 500,
                List.of(used(0, 0.45, NOW.minusSeconds(5)), used(1, Double.NaN, null))));
        // stale samples only: no measurement, no decision
        loads.add(new ServiceLoad("stale", AutoscalePolicy.reactive(1, 10, 50), 3, 1000, List.of(used(0, 0.1, NOW.minusSeconds(3600)))));
        // a service that went final meanwhile: the refusal is logged, the round goes on
        loads.add(new ServiceLoad("gone", AutoscalePolicy.reactive(1, 10, 50), 1, 1000, List.of(used(0, 0.9, NOW))));
        assertEquals(1, c.round());
        assertEquals(1, scaled.size());
        assertTrue(scaled.get(0), scaled.get(0).startsWith("web=4 reactive: demand 1.80 replica(s) at target 50% needs 4"));
        assertEquals(java.util.Set.of("web", "gone"), c.tracked());

        loads.clear();
        loads.add(new ServiceLoad("web", AutoscalePolicy.reactive(1, 10, 50), 4, 500, List.of(used(0, 0.25, NOW), used(1, 0.25, NOW),
                used(2, 0.25, NOW), used(3, 0.25, NOW))));
        assertEquals("on target: no change", 0, c.round());
        assertEquals(java.util.Set.of("web"), c.tracked());
    }

    @Test
    public void disabledDoesNothing() {
        c = new AutoscalerComponent(fake, config(false), Clock.fixed(NOW, ZoneOffset.UTC), false);
        loads.add(new ServiceLoad("web", AutoscalePolicy.reactive(1, 10, 50), 1, 1000, List.of(used(0, 5, NOW))));
        assertEquals(0, c.round());
        assertTrue(scaled.isEmpty());
    }

    @Test
    public void choosesTheConfiguredForecasterElseArimaElseAny() {
        c = new AutoscalerComponent(fake, config(true), Clock.fixed(NOW, ZoneOffset.UTC), false);
        assertEquals(null, c.forecaster());
        var other = new SeasonalNaiveForecaster();
        c.addForecaster(other, Map.of("name", "zz"));
        assertEquals(other, c.forecaster());
        var arima = new org.sharercloud.forecast.internal.ArimaForecaster();
        c.addForecaster(arima, Map.of("name", "arima"));
        assertEquals(arima, c.forecaster());
        var configured = new SeasonalNaiveForecaster();
        c.addForecaster(configured, Map.of("name", "seasonal-naive"));
        assertEquals(configured, c.forecaster());
        c.removeForecaster(configured, Map.of("name", "seasonal-naive"));
        assertEquals(arima, c.forecaster());
    }

    static SchedulerConfig config(boolean enabled) {
        return TestConfig.of("first-fit", "arima", Map.of("autoscale.enabled", enabled, "autoscale.history.intervals", 100,
                "autoscale.down.intervals", 3));
    }
}
