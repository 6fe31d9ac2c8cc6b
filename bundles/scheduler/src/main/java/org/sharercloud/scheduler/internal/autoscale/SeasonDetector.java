package org.sharercloud.scheduler.internal.autoscale;

/**
 * Finds the seasonal period of a series from its autocorrelation: past the first lag where the
 * autocorrelation turns negative, the lag where it peaks, when that peak is strong enough.
 */
final class SeasonDetector {
    /** Weakest autocorrelation accepted as a season. */
    static final double MIN_ACF = 0.3;

    private SeasonDetector() {
    }

    /** The period (at least 2, at most half the length), or 0 when the series shows none. */
    static int detect(double[] x) {
        int n = x.length;
        if (n < 8) {
            return 0;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        if (var <= 1e-12) {
            return 0;
        }
        int best = 0;
        double bestAcf = MIN_ACF;
        boolean crossed = false;
        for (int lag = 1; lag <= n / 2; lag++) {
            double s = 0;
            for (int t = lag; t < n; t++) {
                s += (x[t] - mean) * (x[t - lag] - mean);
            }
            double acf = s / var;
            if (!crossed) {
                crossed = acf < 0;
            } else if (lag >= 2 && acf > bestAcf + 1e-9) {
                best = lag;
                bestAcf = acf;
            }
        }
        return best;
    }
}
