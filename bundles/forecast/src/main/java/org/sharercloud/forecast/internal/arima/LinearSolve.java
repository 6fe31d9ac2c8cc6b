package org.sharercloud.forecast.internal.arima;

/** Small dense linear systems (a handful of unknowns) by Gaussian elimination with partial pivoting. */
public final class LinearSolve {
    private LinearSolve() {
    }

    /** Solves a x = b; {@code a} and {@code b} are overwritten. Returns null when a is singular. */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (!(Math.abs(a[piv][col]) > 0)) {
                return null;
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int j = col; j < n; j++) {
                        a[r][j] -= f * a[col][j];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = b[r];
            for (int j = r + 1; j < n; j++) {
                v -= a[r][j] * x[j];
            }
            x[r] = v / a[r][r];
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return x;
    }
}
