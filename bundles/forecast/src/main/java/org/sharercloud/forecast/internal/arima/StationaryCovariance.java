package org.sharercloud.forecast.internal.arima;

/**
 * The stationary covariance Q of the ARMA state block: Q = T Q T' + R R', solved by the doubling
 * algorithm (Q += A Q A', A = A²) which converges quadratically for a stationary AR part. It gives
 * the same matrix as R's {@code getQ0} (Gardner et al. 1980) where that one is accurate.
 */
final class StationaryCovariance {
    private static final int MAX_DOUBLINGS = 64;

    private StationaryCovariance() {
    }

    static double[][] of(double[] phi, double[] theta, int r) {
        if (r == 1) {
            double ph = phi.length > 0 ? phi[0] : 0.0;
            return new double[][] {{1.0 / (1.0 - ph * ph)}};
        }
        double[] rv = new double[r];
        rv[0] = 1.0;
        for (int i = 0; i < theta.length; i++) {
            rv[i + 1] = theta[i];
        }
        double[][] q = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                q[i][j] = rv[i] * rv[j];
            }
        }
        double[][] a = new double[r][r];
        for (int i = 0; i < r; i++) {
            if (i < phi.length) {
                a[i][0] = phi[i];
            }
            if (i < r - 1) {
                a[i][i + 1] = 1.0;
            }
        }
        for (int it = 0; it < MAX_DOUBLINGS; it++) {
            double[][] aq = multiply(a, q);
            double[][] aqat = multiplyTransposed(aq, a);
            add(q, aqat);
            a = multiply(a, a);
            if (maxAbs(a) < 1e-13) {
                break;
            }
        }
        return q;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = x[i][k];
                if (v != 0) {
                    for (int j = 0; j < n; j++) {
                        out[i][j] += v * y[k][j];
                    }
                }
            }
        }
        return out;
    }

    /** x · y'. */
    private static double[][] multiplyTransposed(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[i][k] * y[j][k];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static void add(double[][] acc, double[][] x) {
        for (int i = 0; i < acc.length; i++) {
            for (int j = 0; j < acc.length; j++) {
                acc[i][j] += x[i][j];
            }
        }
    }

    private static double maxAbs(double[][] x) {
        double m = 0;
        for (double[] row : x) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
