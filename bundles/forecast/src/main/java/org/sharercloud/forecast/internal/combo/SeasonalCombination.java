package org.sharercloud.forecast.internal.combo;

import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Coefficients;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.forecast.internal.arima.ArimaFit;
import org.sharercloud.forecast.internal.arima.ArimaFitter;
import org.sharercloud.forecast.internal.arima.ArimaSpec;

/**
 * The automatic model for long-period seasonal series (period above 12, e.g. 288 five-minute steps a
 * day), where a seasonal ARIMA's state would be hundreds wide: a combination, as the M4 competition's
 * lesson has it, of two members with different strengths, weighted by the inverse of each one's
 * in-sample squared error over the last season of forecast origins (Bates-Granger):
 * <ol>
 * <li>{@link DirectRegression}: one least-squares fit per horizon on recent values, window means and
 * the same position in earlier seasons (mean reversion and the seasonal shape);</li>
 * <li>ARIMA(0,1,1) by exact maximum likelihood on the seasonally adjusted series
 * ({@link SeasonalProfile}), plus the profile (a level that adapts after shifts).</li>
 * </ol>
 * The result reports the ARIMA member (order (0,1,1) with the period, its MA coefficient, sigma²,
 * log-likelihood and AIC, all of the seasonally adjusted series) and the combined forecast; the standard
 * errors are the combination's root mean squared in-sample errors per horizon over the weighting
 * origins. Horizons beyond one period use the ARIMA member alone (the regression needs the target's
 * previous-season value to be observed), with its model standard errors.
 */
public final class SeasonalCombination {
    /** Periods up to this are left to seasonal ARIMA (monthly, quarterly data). */
    public static final int MAX_ARIMA_PERIOD = 12;
    /** Seasons of history needed. */
    public static final int MIN_SEASONS = 3;

    private SeasonalCombination() {
    }

    /** True for {@code model: auto} (every component automatic) with a period above 12 and 3+ seasons. */
    public static boolean applies(double[] x, ArimaOrder o) {
        return o.p() == ArimaOrder.AUTO && o.d() == ArimaOrder.AUTO && o.q() == ArimaOrder.AUTO
                && o.P() == ArimaOrder.AUTO && o.D() == ArimaOrder.AUTO && o.Q() == ArimaOrder.AUTO
                && o.period() > MAX_ARIMA_PERIOD && x.length >= MIN_SEASONS * o.period();
    }

    public static ForecastResult forecast(String name, double[] x, int m, int horizon) {
        int n = x.length;
        SeasonalProfile profile = SeasonalProfile.of(x, m);
        double[] adj = profile.adjust(x);
        LevelMember level = LevelMember.fit(adj, m);
        double[] levelFc = level.forecast(horizon);
        double[] fc = new double[horizon];
        double[] se = level.se(horizon);
        for (int h = 0; h < horizon; h++) {
            fc[h] = levelFc[h] + profile.at(n + h);
        }
        if (horizon <= m) {
            int v = Math.min(m, n / 4);
            int[] origins = new int[v];
            for (int i = 0; i < v; i++) {
                origins[i] = n - horizon - v + i;
            }
            double[][] direct = new DirectRegression(x, m).forecasts(horizon, origins);
            double[][] lv = new double[v][horizon];
            for (int i = 0; i < v; i++) {
                double l = level.inSample(origins[i]);
                for (int h = 0; h < horizon; h++) {
                    lv[i][h] = l + profile.at(origins[i] + 1 + h);
                }
            }
            double wd = direct == null ? 0 : 1 / meanSquare(direct, x, origins, horizon);
            double wl = 1 / meanSquare(lv, x, origins, horizon);
            if (!(wd < Double.POSITIVE_INFINITY) || !(wl < Double.POSITIVE_INFINITY)) {
                wd = direct == null ? 0 : 1; // an exact member: weigh equally rather than divide by zero
                wl = 1;
            }
            double sum = wd + wl;
            double[] sq = new double[horizon];
            for (int i = 0; i < v; i++) {
                for (int h = 0; h < horizon; h++) {
                    double c = (wl * lv[i][h] + (wd > 0 ? wd * direct[i][h] : 0)) / sum;
                    double e = c - x[origins[i] + 1 + h];
                    sq[h] += e * e / v;
                }
            }
            for (int h = 0; h < horizon; h++) {
                fc[h] = (wl * fc[h] + (wd > 0 ? wd * direct[v][h] : 0)) / sum;
                se[h] = Math.sqrt(sq[h]);
            }
        }
        return new ForecastResult(name, level.order(m), level.coefficients(), level.sigma2(), level.loglik(), level.aic(), fc, se);
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

    /** ARIMA(0,1,1) on the adjusted series, or ARIMA(0,1,0) when that cannot be fitted (e.g. a constant step). */
    private static final class LevelMember {
        private final double[] y;
        private final ArimaFit fit;
        private final double theta;
        private final double[] oneStep;

        private LevelMember(double[] y, ArimaFit fit) {
            this.y = y;
            this.fit = fit;
            this.theta = fit == null ? 0 : fit.coef()[0];
            this.oneStep = new double[y.length + 1];
            oneStep[1] = y[0];
            for (int t = 1; t < y.length; t++) {
                double e = y[t] - oneStep[t];
                oneStep[t + 1] = y[t] + theta * e;
            }
        }

        static LevelMember fit(double[] y, int m) {
            ArimaFit fit;
            try {
                fit = ArimaFitter.fit(y, new ArimaSpec(0, 1, 1, 0, 0, 0, 0, false));
            } catch (RuntimeException e) { // e.g. a non-finite likelihood: fall back to the random walk
                fit = null;
            }
            return new LevelMember(y, fit != null && Double.isFinite(fit.loglik()) ? fit : null);
        }

        /** The one-step (= every-step) forecast made at origin t, i.e. after observing y[t]. */
        double inSample(int t) {
            return oneStep[t + 1];
        }

        double[] forecast(int h) {
            if (fit != null) {
                return fit.forecast(h)[0];
            }
            double[] f = new double[h];
            java.util.Arrays.fill(f, y[y.length - 1]);
            return f;
        }

        double[] se(int h) {
            if (fit != null) {
                return fit.forecast(h)[1];
            }
            double[] se = new double[h];
            for (int i = 0; i < h; i++) {
                se[i] = Math.sqrt(sigma2() * (i + 1));
            }
            return se;
        }

        ArimaOrder order(int m) {
            return new ArimaOrder(0, 1, fit != null ? 1 : 0, 0, 0, 0, m, false);
        }

        Coefficients coefficients() {
            return new Coefficients(new double[0], fit != null ? new double[] {theta} : new double[0], new double[0], new double[0], null);
        }

        double sigma2() {
            if (fit != null) {
                return fit.sigma2();
            }
            double s = 0;
            for (int t = 1; t < y.length; t++) {
                s += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
            }
            return s / (y.length - 1);
        }

        double loglik() {
            return fit != null ? fit.loglik() : -0.5 * (y.length - 1) * (Math.log(2 * Math.PI * sigma2()) + 1);
        }

        double aic() {
            return fit != null ? fit.aic() : -2 * loglik() + 2;
        }
    }
}
