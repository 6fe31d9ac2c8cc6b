package org.sharercloud.forecast.internal.combo;

/**
 * Analog (nearest-neighbour) forecasting: find the {@link #K} moments of the history whose last
 * {@link #EMBEDDING} values are closest (Euclidean) to the series' last {@link #EMBEDDING} values, and
 * forecast the average of what followed them. It needs no model of the dynamics, so it carries
 * nonlinear patterns a linear model averages away: VM CPU that switches between idle and busy, or
 * bursts of a typical length, are continued as they continued before.
 */
final class AnalogForecast {
    static final int EMBEDDING = 12;
    static final int K = 60;

    private AnalogForecast() {
    }

    /**
     * The forecast from origin {@code t} (using only y[0..t]) for steps 1..horizon; null when fewer than
     * {@link #K} past moments have {@code horizon} observed successors.
     */
    static double[] forecast(double[] y, int t, int horizon) {
        int first = EMBEDDING - 1;
        int last = t - horizon; // a neighbour ending at s needs y[s + horizon] <= y[t]
        int count = last - first + 1;
        if (count < K) {
            return null;
        }
        double[] dist = new double[count];
        for (int s = first; s <= last; s++) {
            double d = 0;
            for (int i = 0; i < EMBEDDING; i++) {
                double e = y[s - i] - y[t - i];
                d += e * e;
            }
            dist[s - first] = d;
        }
        double threshold = kthSmallest(dist.clone(), K);
        double[] f = new double[horizon];
        int taken = 0;
        for (int pass = 0; pass < 2 && taken < K; pass++) { // below the threshold first, then ties in time order
            for (int i = 0; i < count && taken < K; i++) {
                if (pass == 0 ? dist[i] < threshold : dist[i] == threshold) {
                    int s = first + i;
                    for (int h = 0; h < horizon; h++) {
                        f[h] += y[s + 1 + h];
                    }
                    taken++;
                }
            }
        }
        for (int h = 0; h < horizon; h++) {
            f[h] /= K;
        }
        return f;
    }

    /** The k-th smallest value (1-based) by quickselect; reorders {@code a}. */
    static double kthSmallest(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double tmp = a[i];
                    a[i] = a[j];
                    a[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }
}
