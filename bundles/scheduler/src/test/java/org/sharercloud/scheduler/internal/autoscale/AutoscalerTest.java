package org.sharercloud.scheduler.internal.autoscale;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.forecast.internal.SeasonalNaiveForecaster;

/** The reactive rule, the bounds, the scale-down window and the predictive fallbacks. */
public class AutoscalerTest {
    private static final AutoscalePolicy REACTIVE = AutoscalePolicy.reactive(2, 8, 50);

    @Test
    public void reactiveNeedsCeilOfDemandOverTargetWithinBounds() {
        Autoscaler a = new Autoscaler(1, 100, 0, 1.0);
        assertEquals(5, a.observe(2.1, 2, REACTIVE, null).replicas());
        assertEquals("exactly on target needs no extra replica", 4, new Autoscaler(1, 100, 0, 1).observe(2.0, 4, REACTIVE, null).replicas());
        assertEquals("max bound", 8, a.observe(50, 5, REACTIVE, null).replicas());
        assertEquals("min bound", 2, a.observe(0, 8, REACTIVE, null).replicas());
        assertEquals("NaN counts as no demand", 2, a.observe(Double.NaN, 2, REACTIVE, null).replicas());
        assertTrue(a.observe(1.6, 2, REACTIVE, null).reason().startsWith("reactive: demand 1.60 replica(s) at target 50% needs 4"));
    }

    @Test
    public void scalesDownOnlyAfterTheWindowAndDoesNotFlap() {
        Autoscaler a = new Autoscaler(3, 100, 0, 1.0);
        int replicas = a.observe(3.0, 2, REACTIVE, null).replicas();
        assertEquals(6, replicas);
        List<Integer> seen = new ArrayList<>();
        double[] wobble = {1.0, 2.9, 1.0, 1.0, 1.0, 1.0};
        for (double d : wobble) {
            Decision dec = a.observe(d, replicas, REACTIVE, null);
            replicas = dec.replicas();
            seen.add(replicas);
        }
        // 2.9 needs 6; the lows need 2 but must last 3 intervals: down only at the third low after the peak
        assertEquals(List.of(6, 6, 6, 6, 2, 2), seen);
    }

    @Test
    public void predictiveIsReactiveUntilEnoughHistoryAndWhenTheFitFails() {
        AutoscalePolicy p = AutoscalePolicy.predictive(1, 20, 50);
        Autoscaler a = new Autoscaler(1, 100, 4, 0);
        Decision first = a.observe(1.0, 1, p, new SeasonalNaiveForecaster());
        assertEquals(2, first.replicas());
        assertTrue(first.reason(), first.reason().endsWith("(no forecast yet)"));
        Forecaster broken = new Forecaster() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
                throw ApiException.badRequest("values", "cannot fit");
            }
        };
        for (int i = 0; i < 12; i++) {
            assertEquals(2, a.observe(1.0, 2, p, broken).replicas());
        }
        assertEquals("reactive after a failed fit", 4, a.observe(2.0, 2, p, broken).replicas());
    }

    @Test
    public void predictiveScalesBeforeARepeatingPeak() {
        AutoscalePolicy p = AutoscalePolicy.predictive(1, 20, 50);
        Autoscaler a = new Autoscaler(1, 100, 4, 0);
        double[] day = {1, 1, 1, 4};
        Decision last = null;
        int replicas = 1;
        for (int i = 0; i < 3 * day.length - 1; i++) {
            last = a.observe(day[i % 4], replicas, p, new SeasonalNaiveForecaster());
            replicas = last.replicas();
        }
        // the history ends just before the third peak: reactive would keep 2, the forecast asks for 8
        assertEquals(8, last.replicas());
        assertTrue(last.reason(), last.reason().startsWith("predictive: next interval forecast 4.00"));
    }
}
