package org.sharercloud.forecast.internal.combo;

import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;

/**
 * {@code model: auto} for long series: where the stepwise ARIMA search is slow (thousands of points)
 * or cannot run (a daily period of 288 five-minute steps makes a seasonal ARIMA hundreds of states
 * wide), a combination, as the M4 competition's lesson has it, of three members with different
 * strengths, weighted by the inverse of each one's mean squared error over in-sample forecast origins
 * (Bates-Granger):
 * <ol>
 * <li>{@link AnalogForecast}: what followed the most similar recent stretches (nonlinear patterns such
 * as idle/busy switching);</li>
 * <li>{@link DirectRegression}: one least-squares fit per horizon on recent values, window means and,
 * with a period, the same position in earlier seasons (mean reversion, the seasonal shape);</li>
 * <li>ARIMA(0,1,1) by exact maximum likelihood (a level that adapts after shifts), the member the
 * result reports ({@link LevelMember}).</li>
 * </ol>
 * Weighting origins: every {@link #ORIGIN_STEP}th of the last min(288, n/4) points that leave a full
 * horizon observed; each member forecasts from each of them with what it knew then (the analog and
 * ARIMA members strictly; the regression with its coefficients from the whole history). The standard
 * errors are the combination's root mean squared error per horizon over those origins.
 */
public final class AutoCombination {
    /** Periods up to this are left to seasonal ARIMA (monthly, quarterly data). */
    public static final int MAX_ARIMA_PERIOD = 12;
    /** Seasons of history needed with a period. */
    public static final int MIN_SEASONS = 3;
    /** Points needed without a period (below, the stepwise ARIMA search is fast and at home). */
    public static final int MIN_LENGTH_NO_PERIOD = 1000;
    static final int WEIGHT_WINDOW = 288;
    static final int ORIGIN_STEP = 6;

    private AutoCombination() {
    }

    /**
     * True for a fully automatic order ({@code model: auto}) with either a period above 12 and three
     * seasons of data, or no period, at least 1,000 points and a horizon of at most an eighth of them.
     */
    public static boolean applies(double[] x, ArimaOrder o, int horizon) {
        boolean auto = o.p() == ArimaOrder.AUTO && o.d() == ArimaOrder.AUTO && o.q() == ArimaOrder.AUTO
                && o.P() == ArimaOrder.AUTO && o.D() == ArimaOrder.AUTO && o.Q() == ArimaOrder.AUTO;
        if (!auto) {
            return false;
        }
        if (o.period() > MAX_ARIMA_PERIOD) {
            return x.length >= MIN_SEASONS * o.period();
        }
        return o.period() <= 1 && x.length >= MIN_LENGTH_NO_PERIOD && horizon <= x.length / 8;
    }

    public static ForecastResult forecast(String name, double[] x, int period, int horizon) {
        int m = period > 1 ? period : 0;
        if (m > 0 && horizon > m) {
            return beyondOnePeriod(name, x, m, horizon);
        }
        int n = x.length;
        int window = Math.min(WEIGHT_WINDOW, n / 4);
        int[] origins = new int[(window + ORIGIN_STEP - 1) / ORIGIN_STEP];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = n - horizon - window + i * ORIGIN_STEP;
        }
        LevelMember level = LevelMember.fit(x);
        double[][][] members = {analog(x, origins, horizon), new DirectRegression(x, m).forecasts(horizon, origins),
            level.forecasts(origins, horizon)};
        double[] weights = new double[members.length];
        double sum = 0;
        for (int k = 0; k < members.length; k++) {
            if (members[k] != null) {
                double mse = meanSquare(members[k], x, origins, horizon);
                weights[k] = mse > 0 ? 1 / mse : Double.POSITIVE_INFINITY;
            }
        }
        for (int k = 0; k < members.length; k++) { // a member without in-sample error takes it all
            if (weights[k] == Double.POSITIVE_INFINITY) {
                java.util.Arrays.fill(weights, 0);
                weights[k] = 1;
                break;
            }
        }
        for (double w : weights) {
            sum += w;
        }
        double[][] combined = new double[origins.length + 1][horizon];
        for (int k = 0; k < members.length; k++) {
            if (weights[k] > 0) {
                for (int i = 0; i <= origins.length; i++) {
                    for (int h = 0; h < horizon; h++) {
                        combined[i][h] += weights[k] / sum * members[k][i][h];
                    }
                }
            }
        }
        double[] se = new double[horizon];
        for (int i = 0; i < origins.length; i++) {
            for (int h = 0; h < horizon; h++) {
                double e = combined[i][h] - x[origins[i] + 1 + h];
                se[h] += e * e / origins.length;
            }
        }
        for (int h = 0; h < horizon; h++) {
            se[h] = Math.sqrt(se[h]);
        }
        return level.result(name, m, combined[origins.length], se);
    }

    /** Analog forecasts from every origin and from the end; null when the history has too few analogs. */
    private static double[][] analog(double[] x, int[] origins, int horizon) {
        double[][] f = new double[origins.length + 1][];
        for (int i = 0; i <= origins.length; i++) {
            f[i] = AnalogForecast.forecast(x, i < origins.length ? origins[i] : x.length - 1, horizon);
            if (f[i] == null) {
                return null;
            }
        }
        return f;
    }

    /**
     * Horizons beyond one period: the seasonal profile plus ARIMA(0,1,1) on the seasonally adjusted
     * series (the other members need the target's previous-season value to have been observed).
     */
    private static ForecastResult beyondOnePeriod(String name, double[] x, int m, int horizon) {
        SeasonalProfile profile = SeasonalProfile.of(x, m);
        LevelMember level = LevelMember.fit(profile.adjust(x));
        double[] fc = level.forecast(horizon);
        for (int h = 0; h < horizon; h++) {
            fc[h] += profile.at(x.length + h);
        }
        return level.result(name, m, fc, level.se(horizon));
    }

    private static double meanSquare(double[][] f, double[] x, int[] origins, int horizon) {
        double s = 0;
        for (int i = 0; i < origins.length; i++) {
            for (int h = 0; h < horizon; h++) {
                double e = f[i][h] - x[origins[i] + 1 + h];
                s += e * e;
            }
        }
        return s / (origins.length * horizon);
    }
}
