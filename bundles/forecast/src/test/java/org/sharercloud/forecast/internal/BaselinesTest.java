package org.sharercloud.forecast.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;

/** The naive and seasonal-naive baselines: by hand, and against R's equivalent arima() fits. */
public class BaselinesTest {
    private final NaiveForecaster naive = new NaiveForecaster();
    private final SeasonalNaiveForecaster snaive = new SeasonalNaiveForecaster();

    @Test
    public void naiveRepeatsLastValueWithGrowingSe() {
        double[] x = {1, 3, 2, 4};
        ForecastResult f = naive.forecast(x, null, 4);
        assertArrayEquals(new double[] {4, 4, 4, 4}, f.forecast(), 0);
        double sigma2 = (4 + 1 + 4) / 3.0;
        assertEquals(sigma2, f.sigma2(), 1e-12);
        for (int h = 1; h <= 4; h++) {
            assertEquals(Math.sqrt(sigma2 * h), f.se()[h - 1], 1e-12);
        }
        assertEquals("naive", f.forecaster());
        assertEquals(new ArimaOrder(0, 1, 0, 0, 0, 0, 0, false), f.order());
        assertNull(f.coefficients().intercept());
        assertEquals(0, f.coefficients().ar().length);
    }

    @Test
    public void seasonalNaiveRepeatsLastSeasonWithStepwiseSe() {
        double[] x = {1, 2, 3, 2, 4, 5};
        ForecastResult f = snaive.forecast(x, ArimaOrder.seasonal(0, 0, 0, 0, 1, 0, 3), 7);
        assertArrayEquals(new double[] {2, 4, 5, 2, 4, 5, 2}, f.forecast(), 0);
        double sigma2 = (1 + 4 + 4) / 3.0;
        assertEquals(sigma2, f.sigma2(), 1e-12);
        double[] steps = {1, 1, 1, 2, 2, 2, 3};
        for (int h = 0; h < 7; h++) {
            assertEquals(Math.sqrt(sigma2 * steps[h]), f.se()[h], 1e-12);
        }
        assertEquals(3, f.order().period());
        assertEquals(1, f.order().D());
    }

    @Test
    public void naiveOnConstantSeriesHasZeroSe() {
        ForecastResult f = naive.forecast(new double[] {5, 5, 5}, null, 2);
        assertArrayEquals(new double[] {5, 5}, f.forecast(), 0);
        assertArrayEquals(new double[] {0, 0}, f.se(), 0);
        assertEquals(Double.POSITIVE_INFINITY, f.loglik(), 0);
    }

    @Test
    public void naiveMatchesRArima010() {
        check(RReference.load("nile_naive"), naive.forecast(RReference.series("Nile"), null, 5));
    }

    @Test
    public void seasonalNaiveMatchesRArima000010() {
        RReference r = RReference.load("usaccdeaths_snaive");
        check(r, snaive.forecast(r.values(), r.order(), r.horizon()));
    }

    private static void check(RReference r, ForecastResult f) {
        assertEquals(r.number("sigma2"), f.sigma2(), 1e-9 * r.number("sigma2"));
        assertEquals(r.number("loglik"), f.loglik(), 1e-2);
        assertEquals(r.number("aic"), f.aic(), 2e-2);
        assertArrayEquals(r.vector("forecast"), f.forecast(), 1e-9);
        double[] se = r.vector("se");
        for (int h = 0; h < se.length; h++) {
            assertEquals("se h=" + (h + 1), se[h], f.se()[h], 1e-6 * se[h]);
        }
    }
}
