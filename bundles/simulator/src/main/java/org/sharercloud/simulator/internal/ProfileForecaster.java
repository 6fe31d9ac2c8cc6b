package org.sharercloud.simulator.internal;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Coefficients;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;

/**
 * A small built-in forecaster for hourly series, so the simulator runs without the forecast bundle:
 * the recent level (mean of the last {@value #LEVEL_HOURS} values) fading geometrically into the daily
 * profile (mean of the same hour of day over the last {@value #PROFILE_DAYS} days). Step k ahead is
 * {@code w^k * level + (1 - w^k) * profile}. When the series ends with a run of r &ge; 2 equal values
 * (a member online for r whole hours) the level is that value and it persists longer the longer the
 * run: {@code w = 1 - 2 (1 - 0.9) / r}, the decreasing hazard of device sessions (a session that has
 * lasted hours is likely to last another); otherwise {@code w = 0.9}. Standard errors are the one-step
 * residual spread.
 */
public final class ProfileForecaster implements Forecaster {
    public static final String NAME = "profile";
    static final int PERIOD = 24;
    static final int LEVEL_HOURS = 3;
    static final int PROFILE_DAYS = 7;
    private static final double W = 0.9;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
        if (values == null || values.length < 2) {
            throw ApiException.badRequest("values", "the series needs at least 2 values");
        }
        if (horizon < 1) {
            throw ApiException.badRequest("horizon", "horizon must be at least 1");
        }
        for (double v : values) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw ApiException.badRequest("values", "the series contains NaN or infinite values");
            }
        }
        int n = values.length;
        int run = run(values);
        double level = run >= 2 ? values[n - 1] : mean(values, n - Math.min(LEVEL_HOURS, n), n);
        double persistence = run >= 2 ? 1 - (1 - W) * 2.0 / run : W;
        double[] fc = new double[horizon];
        double w = 1;
        for (int k = 0; k < horizon; k++) {
            w *= persistence;
            fc[k] = w * level + (1 - w) * profile(values, n + k);
        }
        double sse = 0;
        for (int i = 1; i < n; i++) {
            sse += (values[i] - values[i - 1]) * (values[i] - values[i - 1]);
        }
        double sigma2 = sse / Math.max(1, n - 1);
        double[] se = new double[horizon];
        java.util.Arrays.fill(se, Math.sqrt(sigma2));
        return new ForecastResult(NAME, new ArimaOrder(0, 0, 0, 0, 0, 0, PERIOD, true),
                new Coefficients(new double[0], new double[0], new double[0], new double[0], level), sigma2,
                Double.NaN, Double.NaN, fc, se);
    }

    /** How many values at the end of the series equal the last one (at least 1). */
    static int run(double[] v) {
        int n = v.length;
        int r = 1;
        while (r < n && Math.abs(v[n - 1 - r] - v[n - 1]) < 1e-9) {
            r++;
        }
        return r;
    }

    /** Mean of the values at the same hour of day as index {@code t}, over the last days; the overall mean when none. */
    private static double profile(double[] v, int t) {
        double sum = 0;
        int count = 0;
        for (int i = t - PERIOD, d = 0; i >= 0 && d < PROFILE_DAYS; i -= PERIOD, d++) {
            if (i < v.length) {
                sum += v[i];
                count++;
            }
        }
        return count == 0 ? mean(v, 0, v.length) : sum / count;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return to > from ? s / (to - from) : 0;
    }
}
