package org.sharercloud.forecast.internal.combo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.forecast.internal.ArimaForecaster;

import java.util.Random;

/** When the combination is used, what it reports, and that it learns a seasonal shape and a mean reversion. */
public class AutoCombinationTest {
    private final ArimaForecaster arima = new ArimaForecaster();

    @Test
    public void onlyFullyAutomaticOrdersOnLongSeries() {
        double[] x = new double[3 * 48];
        assertTrue(AutoCombination.applies(x, ArimaOrder.auto(48), 12));
        assertFalse("monthly data stays with seasonal ARIMA", AutoCombination.applies(new double[1200], ArimaOrder.auto(12), 12));
        assertFalse("fewer than three seasons", AutoCombination.applies(new double[3 * 48 - 1], ArimaOrder.auto(48), 12));
        assertFalse("no period: short series stay with the ARIMA search", AutoCombination.applies(new double[999], ArimaOrder.auto(0), 12));
        assertTrue("no period, 1,000 points", AutoCombination.applies(new double[1000], ArimaOrder.auto(0), 125));
        assertFalse("no period, horizon above n/8", AutoCombination.applies(new double[1000], ArimaOrder.auto(0), 126));
        assertFalse("a fixed component asks for ARIMA",
                AutoCombination.applies(x, new ArimaOrder(1, ArimaOrder.AUTO, ArimaOrder.AUTO, ArimaOrder.AUTO, ArimaOrder.AUTO, ArimaOrder.AUTO, 48, true), 12));
    }

    /** Idle/busy switching with busy spells of 30 steps: the analog member continues a spell as before. */
    @Test
    public void continuesARegimeSwitchingPatternWithoutAPeriod() {
        Random rnd = new Random(12);
        double[] all = new double[3000];
        int t = 0;
        while (t < all.length) {
            int idle = 40 + rnd.nextInt(80);
            for (int i = 0; i < idle && t < all.length; i++) {
                all[t++] = 1 + 0.1 * rnd.nextGaussian();
            }
            for (int i = 0; i < 30 && t < all.length; i++) {
                all[t++] = 100 + rnd.nextGaussian();
            }
        }
        double comb = 0;
        double single = 0;
        for (int o = 2000; o + 12 <= all.length; o += 37) {
            double[] x = java.util.Arrays.copyOf(all, o);
            ForecastResult r = arima.forecast(x, null, 12);
            assertEquals(new ArimaOrder(0, 1, 1, 0, 0, 0, 0, false), r.order());
            double[] ref = arima.forecast(x, ArimaOrder.of(0, 1, 1), 12).forecast();
            for (int h = 0; h < 12; h++) {
                comb += Math.pow(r.forecast()[h] - all[o + h], 2);
                single += Math.pow(ref[h] - all[o + h], 2);
            }
        }
        assertTrue("combination SSE " + comb + " vs its ARIMA(0,1,1) member alone " + single, comb < 0.7 * single);
    }

    /** A daily shape plus AR(1) noise: the forecast follows the shape, far better than the last value does. */
    @Test
    public void followsTheSeasonalShapeAndReportsItsArimaMember() {
        int m = 96;
        Random rnd = new Random(5);
        double[] all = new double[7 * m + 24];
        double noise = 0;
        for (int t = 0; t < all.length; t++) {
            noise = 0.6 * noise + rnd.nextGaussian();
            all[t] = 50 + 20 * Math.sin(2 * Math.PI * t / m) + noise;
        }
        int n = 7 * m;
        double[] x = java.util.Arrays.copyOf(all, n);
        ForecastResult r = arima.forecast(x, ArimaOrder.auto(m), 24);
        assertEquals(new ArimaOrder(0, 1, 1, 0, 0, 0, m, false), r.order());
        assertEquals(1, r.coefficients().ma().length);
        assertTrue(Math.abs(r.coefficients().ma()[0]) < 1);
        assertEquals(24, r.forecast().length);
        double comb = 0;
        double naive = 0;
        for (int h = 0; h < 24; h++) {
            double e = r.forecast()[h] - all[n + h];
            comb += e * e;
            naive += (x[n - 1] - all[n + h]) * (x[n - 1] - all[n + h]);
            assertTrue("se h=" + (h + 1) + " " + r.se()[h], r.se()[h] > 0 && Double.isFinite(r.se()[h]));
        }
        assertTrue("combination SSE " + comb + " vs naive " + naive, comb < 0.25 * naive);
        assertTrue("error grows with the horizon: " + r.se()[0] + " .. " + r.se()[23], r.se()[23] > r.se()[0]);
    }

    /** Beyond one period only the ARIMA member forecasts (the regression would need unobserved values). */
    @Test
    public void horizonsBeyondOnePeriodStillForecast() {
        int m = 24;
        double[] x = new double[10 * m];
        Random rnd = new Random(9);
        for (int t = 0; t < x.length; t++) {
            x[t] = 5 * Math.cos(2 * Math.PI * t / m) + rnd.nextGaussian();
        }
        ForecastResult r = arima.forecast(x, ArimaOrder.auto(m), 3 * m);
        assertEquals(3 * m, r.forecast().length);
        for (int h = 0; h < m; h++) { // the profile repeats each season; the ARIMA(0,1,1) level is flat
            assertEquals(r.forecast()[h + m] - r.forecast()[m], r.forecast()[h + 2 * m] - r.forecast()[2 * m], 1e-9);
        }
    }

    /**
     * On an AR(1) the h-step regression's errors match the optimal predictor's, whose variance is
     * (1 - phi^2h) / (1 - phi^2): it finds the decay phi^h without being told the model.
     */
    @Test
    public void directRegressionIsAsGoodAsTheTrueAr1Predictor() {
        Random rnd = new Random(1);
        int m = 48;
        double phi = 0.8;
        double[] y = new double[40 * m];
        for (int t = 1; t < y.length; t++) {
            y[t] = phi * y[t - 1] + rnd.nextGaussian();
        }
        int horizon = 6;
        int[] origins = new int[y.length - 2 * m - horizon];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = 2 * m + i;
        }
        double[][] f = new DirectRegression(y, m).forecasts(horizon, origins);
        for (int h = 1; h <= horizon; h++) {
            double mse = 0;
            double truth = 0;
            for (int i = 0; i < origins.length; i++) {
                int t = origins[i];
                mse += Math.pow(f[i][h - 1] - y[t + h], 2) / origins.length;
                truth += Math.pow(Math.pow(phi, h) * y[t] - y[t + h], 2) / origins.length;
            }
            assertEquals("h=" + h + " regression MSE vs the true predictor's", truth, mse, 0.02 * truth);
        }
    }
}
