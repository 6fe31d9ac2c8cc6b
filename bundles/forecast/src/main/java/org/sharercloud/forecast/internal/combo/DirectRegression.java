package org.sharercloud.forecast.internal.combo;

import org.sharercloud.forecast.internal.arima.LinearSolve;

import java.util.Arrays;

/**
 * Direct multi-step regression: for each horizon h a separate least-squares fit of y[t+h] on what is
 * known at t, so each step's coefficients minimise that step's squared error (no error compounding
 * through a recursion). Regressors: a constant, the last four values, means over windows from
 * m/48 to m (6, 12, 36, 144 and 288 points at a 5-minute daily period), how far the last value
 * spikes above the recent mean, the last value capped at the series' 95th percentile (so a spike can
 * persist less than an ordinary level) and, with a seasonal period, the value one season before the
 * target and the mean of up to six seasons before it (then h may not exceed the period). Without a
 * period the windows are those of a 288-step day. Trained on every complete (features, target) pair
 * of the history, with a tiny ridge (1e-4 of the mean regressor energy) against collinear windows.
 */
final class DirectRegression {
    static final double RIDGE = 1e-4;
    static final int LAGS = 4;
    static final int PROFILE_SEASONS = 6;
    static final double CAP_QUANTILE = 0.95;

    /** Window lengths without a seasonal period: those of 5-minute data with its daily period. */
    static final int DEFAULT_WINDOW_PERIOD = 288;

    private final double[] y;
    private final int m;
    private final boolean seasonal;
    private final int[] windows;
    private final int devWindow;
    private final double cap;
    private final double[] cum;
    private final int p;

    /** @param m the seasonal period, or 0 for none */
    DirectRegression(double[] y, int m) {
        this.y = y;
        this.m = m;
        this.seasonal = m > 1;
        this.windows = windows(seasonal ? m : DEFAULT_WINDOW_PERIOD);
        this.devWindow = windows[Math.min(1, windows.length - 1)];
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        this.cap = sorted[(int) (CAP_QUANTILE * (y.length - 1))];
        this.cum = new double[y.length + 1];
        for (int i = 0; i < y.length; i++) {
            cum[i + 1] = cum[i] + y[i];
        }
        this.p = 1 + LAGS + windows.length + 2 + (seasonal ? 2 : 0);
    }

    static int[] windows(int m) {
        return Arrays.stream(new int[] {m / 48, m / 24, m / 8, m / 2, m}).map(w -> Math.max(2, w)).distinct().sorted().toArray();
    }

    /** The first origin t with every regressor defined for horizon h. */
    int firstOrigin(int h) {
        int first = Math.max(Math.max(LAGS - 1, windows[windows.length - 1] - 1), devWindow - 1);
        return seasonal ? Math.max(first, m - h) : first;
    }

    private void features(int t, int h, double[] x) {
        int k = 0;
        x[k++] = 1;
        for (int lag = 0; lag < LAGS; lag++) {
            x[k++] = y[t - lag];
        }
        for (int w : windows) {
            x[k++] = (cum[t + 1] - cum[t + 1 - w]) / w;
        }
        x[k++] = Math.max(0, y[t] - (cum[t + 1] - cum[t + 1 - devWindow]) / devWindow);
        x[k++] = Math.min(y[t], cap);
        if (!seasonal) {
            return;
        }
        x[k++] = y[t + h - m];
        double v = 0;
        int c = 0;
        for (int d = 1; d <= PROFILE_SEASONS && t + h - d * m >= 0; d++) {
            v += y[t + h - d * m];
            c++;
        }
        x[k] = v / c;
    }

    /**
     * Fits every horizon 1..horizon and returns forecasts: row i < origins.length from origin
     * {@code origins[i]} (in-sample, for weighting), the last row from the end of the series.
     * Null when the history is too short or a fit is singular.
     */
    double[][] forecasts(int horizon, int[] origins) {
        int n = y.length;
        double[][] out = new double[origins.length + 1][horizon];
        double[] x = new double[p];
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int h = 1; h <= horizon; h++) {
            for (double[] row : a) {
                Arrays.fill(row, 0);
            }
            Arrays.fill(b, 0);
            int first = firstOrigin(h);
            if (n - h - first < 2 * p) {
                return null;
            }
            for (int t = first; t + h < n; t++) {
                features(t, h, x);
                double target = y[t + h];
                for (int i = 0; i < p; i++) {
                    double xi = x[i];
                    b[i] += xi * target;
                    double[] ai = a[i];
                    for (int j = 0; j <= i; j++) {
                        ai[j] += xi * x[j];
                    }
                }
            }
            double trace = 0;
            for (int i = 1; i < p; i++) {
                trace += a[i][i];
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < i; j++) {
                    a[j][i] = a[i][j];
                }
            }
            for (int i = 1; i < p; i++) {
                a[i][i] += RIDGE * trace / (p - 1);
            }
            double[] beta = LinearSolve.solve(a, b);
            if (beta == null) {
                return null;
            }
            for (int i = 0; i <= origins.length; i++) {
                int t = i < origins.length ? origins[i] : n - 1;
                if (t < first) {
                    return null;
                }
                features(t, h, x);
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += beta[j] * x[j];
                }
                out[i][h - 1] = v;
            }
        }
        return out;
    }
}
