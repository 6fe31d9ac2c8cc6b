package org.sharercloud.forecast.internal.arima;

/**
 * The variable-metric (BFGS) minimiser of R's {@code optim(method = "BFGS")} ({@code vmmin} in R's
 * optim.c, after Nash's Compact Numerical Methods): backtracking line search from step 1 with Armijo
 * acceptance, the BFGS update of an inverse-Hessian estimate, a restart from the identity when the
 * update is not positive or the search stalls, and R's stopping rule: an accepted step that changes
 * the objective by less than {@code relTol} relatively. Points outside the box [lower, upper] or with
 * a non-finite objective count as rejected trial points.
 */
final class Bfgs {
    private static final double STEP_REDUCTION = 0.2;
    private static final double ACCEPT_TOL = 1e-4;
    private static final double REL_TEST = 10.0;
    static final int MAX_ITER = 200;

    /** An objective with its gradient. */
    interface Function {
        double value(double[] x);

        /** Writes the gradient at x into g; {@code fx} is value(x), already computed. */
        void gradient(double[] x, double fx, double[] g);
    }

    private Bfgs() {
    }

    static double[] minimise(Function f, double[] start, double[] lower, double[] upper, double relTol) {
        int n = start.length;
        double[] b = start.clone();
        if (n == 0) {
            return b;
        }
        double fmin = boxed(f, b, lower, upper);
        if (!Double.isFinite(fmin)) {
            return b;
        }
        double[] g = new double[n];
        f.gradient(b, fmin, g);
        double[][] h = new double[n][n];
        double[] x = new double[n];
        double[] c = new double[n];
        double[] t = new double[n];
        int gradCount = 1;
        int lastReset = gradCount;
        int iter = 1;
        int count;
        do {
            if (lastReset == gradCount) {
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                }
            }
            System.arraycopy(b, 0, x, 0, n);
            System.arraycopy(g, 0, c, 0, n);
            double gradProj = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s -= h[i][j] * g[j];
                }
                t[i] = s;
                gradProj += s * g[i];
            }
            if (gradProj < 0) {
                double step = 1;
                boolean accepted = false;
                double fv = fmin;
                do {
                    count = 0;
                    for (int i = 0; i < n; i++) {
                        b[i] = x[i] + step * t[i];
                        if (REL_TEST + x[i] == REL_TEST + b[i]) {
                            count++;
                        }
                    }
                    if (count < n) {
                        fv = boxed(f, b, lower, upper);
                        accepted = Double.isFinite(fv) && fv <= fmin + gradProj * step * ACCEPT_TOL;
                        if (!accepted) {
                            step *= STEP_REDUCTION;
                        }
                    }
                } while (!(count == n || accepted));
                boolean enough = Math.abs(fv - fmin) > relTol * (Math.abs(fmin) + relTol);
                if (!enough) {
                    count = n; // too little change: restart from steepest descent, or stop if just restarted
                    fmin = Math.min(fmin, fv);
                }
                if (count < n) {
                    fmin = fv;
                    f.gradient(b, fmin, g);
                    gradCount++;
                    iter++;
                    double d1 = 0;
                    for (int i = 0; i < n; i++) {
                        t[i] *= step;
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0) {
                        double d2 = 0;
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j < n; j++) {
                                s += h[i][j] * c[j];
                            }
                            x[i] = s;
                            d2 += s * c[i];
                        }
                        d2 = 1 + d2 / d1;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                h[i][j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1;
                            }
                        }
                    } else {
                        lastReset = gradCount;
                    }
                } else {
                    if (lastReset < gradCount) {
                        count = 0;
                        lastReset = gradCount;
                    }
                }
            } else {
                count = 0;
                if (lastReset == gradCount) {
                    count = n;
                } else {
                    lastReset = gradCount;
                }
            }
            if (iter >= MAX_ITER) {
                break;
            }
            if (gradCount - lastReset > 2 * n) {
                lastReset = gradCount;
            }
        } while (count != n || lastReset != gradCount);
        return b;
    }

    private static double boxed(Function f, double[] x, double[] lower, double[] upper) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double v = f.value(x);
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    /** Central differences, step 1e-5 relative (at least absolute 1e-5): 2n evaluations. */
    static void numericGradient(Function f, double[] x, double[] g, double[] lower, double[] upper) {
        double[] y = x.clone();
        for (int i = 0; i < x.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double up = Math.min(upper[i], x[i] + h);
            double down = Math.max(lower[i], x[i] - h);
            y[i] = up;
            double fu = f.value(y);
            y[i] = down;
            double fd = f.value(y);
            y[i] = x[i];
            g[i] = (fu - fd) / (up - down);
        }
    }
}
