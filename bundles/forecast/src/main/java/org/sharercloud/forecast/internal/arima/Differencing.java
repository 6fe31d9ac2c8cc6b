package org.sharercloud.forecast.internal.arima;

/** Differencing helpers. */
public final class Differencing {
    private Differencing() {
    }

    /**
     * R's in-place differencing used by CSS: the result has the input's length, the first d + sD
     * entries are partial differences that are never read.
     */
    public static double[] applyInPlaceStyle(double[] x, int d, int s, int sd) {
        double[] w = x.clone();
        int n = w.length;
        for (int i = 0; i < d; i++) {
            for (int l = n - 1; l > 0; l--) {
                w[l] -= w[l - 1];
            }
        }
        for (int i = 0; i < sd; i++) {
            for (int l = n - 1; l >= s; l--) {
                w[l] -= w[l - s];
            }
        }
        return w;
    }

    /** The differenced series (length n - d - sD). */
    public static double[] diff(double[] x, int d, int s, int sd) {
        double[] w = x;
        for (int i = 0; i < sd; i++) {
            w = lagDiff(w, s);
        }
        for (int i = 0; i < d; i++) {
            w = lagDiff(w, 1);
        }
        return w;
    }

    /** x[t] - x[t - lag] for t ≥ lag. */
    public static double[] lagDiff(double[] x, int lag) {
        double[] out = new double[Math.max(0, x.length - lag)];
        for (int t = 0; t < out.length; t++) {
            out[t] = x[t + lag] - x[t];
        }
        return out;
    }

    /** True when all values are equal (or fewer than two). */
    public static boolean isConstant(double[] x) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return true;
    }
}
