package org.sharercloud.forecast.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.forecast.internal.arima.ArimaSpec;
import org.sharercloud.forecast.internal.arima.FitBudget;

/** Bad requests are 400s naming the field, with a reason a person can act on. */
public class BadInputTest {
    private static final double[] OK = RReference.series("lh");
    private final Forecaster arima = new ArimaForecaster();

    @Test
    public void nanAndInfinityAreRefused() {
        double[] x = OK.clone();
        x[7] = Double.NaN;
        expect("values", "values[7] is NaN", () -> arima.forecast(x, ArimaOrder.of(1, 0, 0), 3));
        x[7] = Double.POSITIVE_INFINITY;
        expect("values", "finite", () -> new NaiveForecaster().forecast(x, null, 3));
    }

    @Test
    public void emptyOrMissingSeriesIsRefused() {
        expect("values", "non-empty", () -> arima.forecast(new double[0], null, 3));
        expect("values", "non-empty", () -> arima.forecast(null, ArimaOrder.of(1, 0, 0), 3));
    }

    @Test
    public void tooShortForTheOrder() {
        double[] x = {1, 2, 1.5, 3, 2.5, 4};
        expect("values", "too few for ARIMA(2,1,2)", () -> arima.forecast(x, ArimaOrder.of(2, 1, 2), 3));
        double[] y = new double[15];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i) + i % 3;
        }
        expect("values", "too few", () -> arima.forecast(y, ArimaOrder.seasonal(0, 1, 1, 0, 1, 1, 12), 3));
        expect("values", "too few", () -> new SeasonalNaiveForecaster().forecast(new double[] {1, 2, 3}, ArimaOrder.seasonal(0, 0, 0, 0, 1, 0, 4), 1));
        expect("values", "too few", () -> new NaiveForecaster().forecast(new double[] {1}, null, 1));
    }

    @Test
    public void constantSeriesNeedsVariance() {
        double[] c = new double[30];
        java.util.Arrays.fill(c, 4.2);
        expect("values", "constant", () -> arima.forecast(c, ArimaOrder.of(1, 0, 0), 3));
        expect("values", "constant", () -> arima.forecast(c, null, 3));
        double[] trend = new double[30];
        for (int i = 0; i < trend.length; i++) {
            trend[i] = 2 * i;
        }
        expect("values", "differenced series is constant", () -> arima.forecast(trend, ArimaOrder.of(0, 1, 1), 3));
    }

    @Test
    public void horizonOutOfRange() {
        expect("horizon", "between 1 and", () -> arima.forecast(OK, ArimaOrder.of(1, 0, 0), 0));
        expect("horizon", "between 1 and", () -> new NaiveForecaster().forecast(OK, null, -2));
        expect("horizon", "between 1 and", () -> arima.forecast(OK, null, Forecaster.MAX_HORIZON + 1));
    }

    @Test
    public void invalidOrders() {
        expect("model", "p must be between 0 and", () -> arima.forecast(OK, ArimaOrder.of(-2, 0, 0), 3));
        expect("model", "d must be between 0 and 2", () -> arima.forecast(OK, ArimaOrder.of(1, 3, 0), 3));
        expect("model", "need a period", () -> arima.forecast(OK, new ArimaOrder(0, 0, 0, 1, 0, 0, 0, true), 3));
        expect("model", "seasonal period", () -> new SeasonalNaiveForecaster().forecast(OK, null, 3));
        expect("model", "seasonal period", () -> new SeasonalNaiveForecaster().forecast(OK, ArimaOrder.of(0, 1, 0), 3));
    }

    @Test
    public void aModelWhoseStateWouldTakeGigabytesIsRefusedBeforeAnythingIsAllocated() {
        // P = Q = 10 with a period of 1000: r = 10,010, r×r matrices of about 800 MB each
        double[] x = new double[30_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i / 7.0) + i % 13;
        }
        long before = usedHeap();
        expect("model", "lower P, Q or the period", () -> arima.forecast(x, ArimaOrder.seasonal(10, 0, 10, 10, 0, 10, 1000), 3));
        expect("model", "the limit is 61 MB", () -> arima.forecast(x, ArimaOrder.seasonal(0, 0, 0, 1, 1, 1, 1000), 3));
        assertTrue("refused without allocating the state", usedHeap() - before < 200L * 1024 * 1024);
        // a day of 5-minute samples with a seasonal ARIMA stays within the bound
        assertTrue(FitBudget.stateCells(ArimaSpec.of(ArimaOrder.seasonal(1, 1, 1, 1, 1, 1, 288))) <= FitBudget.MAX_STATE_CELLS);
    }

    @Test
    public void aFitThatRunsOutOfItsCpuTimeIs422() {
        try {
            FitBudget.within(0, () -> org.sharercloud.forecast.internal.arima.ArimaFitter.fitGiven(OK, ArimaSpec.of(ArimaOrder.of(2, 0, 2))));
            fail("a fit without CPU time finished");
        } catch (ApiException e) {
            assertEquals(422, e.status());
            assertEquals("model", e.field());
            assertTrue(e.getMessage(), e.getMessage().contains("s of CPU"));
        }
        // outside a budget the same fit runs, and a budget ends with its fit
        org.sharercloud.forecast.internal.arima.ArimaFitter.fitGiven(OK, ArimaSpec.of(ArimaOrder.of(2, 0, 2)));
        assertEquals(3, arima.forecast(OK, ArimaOrder.of(1, 0, 0), 3).forecast().length);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void expect(String field, String reasonPart, Runnable call) {
        try {
            call.run();
            fail("expected a 400 on " + field);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals(field, e.field());
            assertTrue("'" + e.getMessage() + "' should mention '" + reasonPart + "'", e.getMessage().contains(reasonPart));
        }
    }
}
