package org.sharercloud.forecast.internal.auto;

import org.sharercloud.forecast.internal.arima.Differencing;

/**
 * How much to difference, as forecast::ndiffs / nsdiffs decide it: the KPSS level-stationarity
 * test at 5% (statistic above 0.463 means difference once more, lag truncation trunc(3·sqrt(n)/13)),
 * and a seasonal-strength measure above 0.64 for one seasonal difference (from a classical
 * moving-average decomposition, where nsdiffs uses STL).
 */
public final class DifferencingTests {
    static final double KPSS_CRITICAL_5PCT = 0.463;
    static final double SEASONAL_STRENGTH_THRESHOLD = 0.64;

    private DifferencingTests() {
    }

    /** Number of first differences (0..maxD) after which KPSS no longer rejects stationarity. */
    public static int ndiffs(double[] x, int maxD) {
        double[] y = x;
        int d = 0;
        while (d < maxD && y.length > 3 && !Differencing.isConstant(y) && kpss(y) > KPSS_CRITICAL_5PCT) {
            y = Differencing.lagDiff(y, 1);
            d++;
        }
        return d;
    }

    /** The KPSS statistic for level stationarity. */
    public static double kpss(double[] y) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[] e = new double[n];
        double partial = 0;
        double eta = 0;
        double s2 = 0;
        for (int t = 0; t < n; t++) {
            e[t] = y[t] - mean;
            partial += e[t];
            eta += partial * partial;
            s2 += e[t] * e[t];
        }
        eta /= (double) n * n;
        int lags = (int) (3 * Math.sqrt(n) / 13);
        for (int k = 1; k <= lags; k++) {
            double cov = 0;
            for (int t = k; t < n; t++) {
                cov += e[t] * e[t - k];
            }
            s2 += 2 * (1 - k / (lags + 1.0)) * cov;
        }
        s2 /= n;
        return eta / s2;
    }

    /** 1 when the seasonal pattern with period m is strong, else 0. */
    public static int nsdiffs(double[] x, int m) {
        return seasonalStrength(x, m) > SEASONAL_STRENGTH_THRESHOLD ? 1 : 0;
    }

    /** max(0, 1 - var(remainder) / var(seasonal + remainder)) of a classical additive decomposition. */
    public static double seasonalStrength(double[] x, int m) {
        int n = x.length;
        int half = m / 2;
        double[] detrended = new double[n];
        boolean[] has = new boolean[n];
        for (int t = half; t < n - half; t++) {
            double trend;
            if (m % 2 == 1) {
                trend = sum(x, t - half, t + half) / m;
            } else {
                trend = (sum(x, t - half + 1, t + half - 1) + 0.5 * (x[t - half] + x[t + half])) / m;
            }
            detrended[t] = x[t] - trend;
            has[t] = true;
        }
        double[] seasonal = new double[m];
        int[] count = new int[m];
        for (int t = 0; t < n; t++) {
            if (has[t]) {
                seasonal[t % m] += detrended[t];
                count[t % m]++;
            }
        }
        double avg = 0;
        for (int i = 0; i < m; i++) {
            seasonal[i] = count[i] > 0 ? seasonal[i] / count[i] : 0;
            avg += seasonal[i] / m;
        }
        double[] rem = new double[n];
        double[] det = new double[n];
        int k = 0;
        for (int t = 0; t < n; t++) {
            if (has[t]) {
                det[k] = detrended[t];
                rem[k++] = detrended[t] - (seasonal[t % m] - avg);
            }
        }
        double vd = var(det, k);
        return vd > 0 ? Math.max(0, 1 - var(rem, k) / vd) : 0;
    }

    private static double sum(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i <= to; i++) {
            s += x[i];
        }
        return s;
    }

    private static double var(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i] / n;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (x[i] - mean) * (x[i] - mean);
        }
        return n > 1 ? s / (n - 1) : 0;
    }
}
