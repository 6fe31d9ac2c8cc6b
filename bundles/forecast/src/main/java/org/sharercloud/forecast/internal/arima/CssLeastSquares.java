package org.sharercloud.forecast.internal.arima;

/**
 * The conditional-sum-of-squares fit (R's {@code ARIMA_CSS} objective) as a nonlinear least-squares
 * problem, solved by Levenberg-Marquardt with the exact Jacobian of the residual recursion: the
 * residuals e_l = w_l - Σ φ_j w_{l-j-1} - Σ θ_j e_{l-j-1} (from observation ncond, earlier
 * innovations zero) differentiate into the same recursion, so one pass gives e and ∂e/∂c for every
 * coefficient c. Minimising Σ e² is minimising R's 0.5 log(Σ e² / n): same optimum, and
 * Gauss-Newton steps reach it in a handful of passes where a gradient-only method needs hundreds of
 * evaluations. Polynomial loops visit only structurally non-zero lags (a seasonal MA(1) with period
 * 288 costs two terms, not 289).
 */
final class CssLeastSquares {
    private static final int MAX_ITER = 200;
    private static final double MAX_LAMBDA = 1e12;
    /** Stop when an accepted step lowers the sum of squares by less than this, relatively (R's CSS reltol is 1.5e-8). */
    static final double REL_TOL = 1e-8;

    private final ArimaSpec spec;
    private final double[] w;
    private final int n;
    private final int ncond;
    private final int k;
    private final int[] phiSupport;
    private final int[] thetaSupport;
    private final double[] e;
    private final double[][] de;
    private final double[][] jtj;
    private final double[] jte;

    /** @param x the raw series (differenced here; a mean, when the spec has one, is a coefficient) */
    CssLeastSquares(double[] x, ArimaSpec spec) {
        this.spec = spec;
        this.w = Differencing.applyInPlaceStyle(x, spec.d(), spec.s(), spec.sd());
        this.n = x.length;
        this.ncond = spec.diffLength() + spec.fullP();
        this.k = spec.npar();
        this.phiSupport = PolyDerivatives.support(spec.p(), spec.sp(), spec.s());
        this.thetaSupport = PolyDerivatives.support(spec.q(), spec.sq(), spec.s());
        this.e = new double[n];
        this.de = new double[k][n];
        this.jtj = new double[k][k];
        this.jte = new double[k];
    }

    /** Number of residuals in the sum. */
    int used() {
        return Math.max(0, n - ncond);
    }

    /** Σ e² at these coefficients (R layout, mean last when present); +inf when not finite. */
    double sumOfSquares(double[] coef) {
        double[][] poly = spec.expand(coef);
        int[] ts = thetaSupport;
        double[] tv = new double[ts.length];
        for (int j = 0; j < ts.length; j++) {
            tv[j] = poly[1][ts[j]];
        }
        int[] ps = phiSupport;
        double[] pv = new double[ps.length];
        for (int j = 0; j < ps.length; j++) {
            pv[j] = poly[0][ps[j]];
        }
        double mu = spec.mean() ? coef[spec.narma()] : 0;
        double[] res = e;
        double[] x = w;
        double ssq = 0;
        int active = 0;
        for (int l = ncond; l < n; l++) {
            int jmax = l - ncond;
            while (active < ts.length && ts[active] < jmax) {
                active++;
            }
            double tmp = x[l] - mu;
            for (int j = 0; j < ps.length; j++) {
                tmp -= pv[j] * (x[l - ps[j] - 1] - mu);
            }
            for (int j = 0; j < active; j++) {
                tmp -= tv[j] * res[l - ts[j] - 1];
            }
            res[l] = tmp;
            ssq += tmp * tmp;
        }
        return Double.isFinite(ssq) ? ssq : Double.POSITIVE_INFINITY;
    }

    /** Σ e² and, into jtj and jte, J'J and J'e of the residual Jacobian. */
    private double jacobian(double[] coef) {
        double[][] poly = spec.expand(coef);
        double[] phi = poly[0];
        double[] theta = poly[1];
        PolyDerivatives pd = PolyDerivatives.of(spec, coef);
        int narma = spec.narma();
        boolean mean = spec.mean();
        double mu = mean ? coef[narma] : 0;
        double sumPhi = 0;
        for (double v : phi) {
            sumPhi += v;
        }
        int[] ts = thetaSupport;
        double[] tv = new double[ts.length];
        for (int j = 0; j < ts.length; j++) {
            tv[j] = theta[ts[j]];
        }
        int[] unitLag = new int[k]; // the lag of a coefficient that moves one polynomial entry with weight 1, else -1
        for (int c = 0; c < narma; c++) {
            boolean ar = pd.arIndex[c].length == 1 && pd.maIndex[c].length == 0 && pd.arWeight[c][0] == 1 && c < spec.p();
            boolean ma = pd.maIndex[c].length == 1 && pd.arIndex[c].length == 0 && pd.maWeight[c][0] == 1
                    && c >= spec.p() && c < spec.p() + spec.q();
            unitLag[c] = ar ? pd.arIndex[c][0] : ma ? pd.maIndex[c][0] : -1;
        }
        int[] ps = phiSupport;
        double[] pv = new double[ps.length];
        for (int j = 0; j < ps.length; j++) {
            pv[j] = phi[ps[j]];
        }
        double[] acc = new double[k * k];
        double[] accE = new double[k];
        double[] row = new double[k];
        double[] res = e;
        double[] x = w;
        double ssq = 0;
        int active = 0; // MA terms whose lag reaches back past ncond: ts[j] < l - ncond
        for (int l = ncond; l < n; l++) {
            int jmax = l - ncond;
            while (active < ts.length && ts[active] < jmax) {
                active++;
            }
            double tmp = x[l] - mu;
            for (int j = 0; j < ps.length; j++) {
                tmp -= pv[j] * (x[l - ps[j] - 1] - mu);
            }
            for (int j = 0; j < active; j++) {
                tmp -= tv[j] * res[l - ts[j] - 1];
            }
            res[l] = tmp;
            ssq += tmp * tmp;
            for (int c = 0; c < k; c++) {
                double[] d = de[c];
                double v;
                int lag = unitLag[c];
                if (c >= narma) {
                    v = -1 + sumPhi;
                } else if (lag >= 0 && c < spec.p()) { // d phi_i: -w[l - i - 1]
                    v = mu - x[l - lag - 1];
                } else if (lag >= 0) { // d theta_i: -e[l - i - 1] once that innovation is in the sum
                    v = lag < jmax ? -res[l - lag - 1] : 0;
                } else {
                    v = 0;
                    int[] ai = pd.arIndex[c];
                    double[] aw = pd.arWeight[c];
                    for (int t = 0; t < ai.length; t++) {
                        v -= aw[t] * (x[l - ai[t] - 1] - mu);
                    }
                    int[] mi = pd.maIndex[c];
                    double[] mw = pd.maWeight[c];
                    for (int t = 0; t < mi.length; t++) {
                        if (mi[t] < jmax) {
                            v -= mw[t] * res[l - mi[t] - 1];
                        }
                    }
                }
                for (int j = 0; j < active; j++) {
                    v -= tv[j] * d[l - ts[j] - 1];
                }
                d[l] = v;
                row[c] = v;
            }
            for (int i = 0; i < k; i++) {
                double ri = row[i];
                accE[i] += ri * tmp;
                int base = i * k;
                for (int j = 0; j <= i; j++) {
                    acc[base + j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < k; i++) {
            jte[i] = accE[i];
            for (int j = 0; j <= i; j++) {
                jtj[i][j] = acc[i * k + j];
                jtj[j][i] = acc[i * k + j];
            }
        }
        return Double.isFinite(ssq) ? ssq : Double.POSITIVE_INFINITY;
    }

    /**
     * Levenberg-Marquardt from {@code start} within the box [lower, upper] (coefficient units).
     * Returns the coefficients with the smallest sum of squares found.
     */
    double[] fit(double[] start, double[] lower, double[] upper) {
        double[] c = start.clone();
        if (k == 0) {
            return c;
        }
        double s = jacobian(c);
        if (!Double.isFinite(s)) {
            return c;
        }
        double lambda = 1e-3;
        double[] trial = new double[k];
        double[][] a = new double[k][k];
        double[] rhs = new double[k];
        for (int iter = 0; iter < MAX_ITER && lambda < MAX_LAMBDA; iter++) {
            FitBudget.check();
            for (int i = 0; i < k; i++) {
                System.arraycopy(jtj[i], 0, a[i], 0, k);
                double diag = jtj[i][i] > 0 ? jtj[i][i] : 1;
                a[i][i] += lambda * diag;
                rhs[i] = -jte[i];
            }
            double[] step = LinearSolve.solve(a, rhs);
            boolean inside = step != null;
            for (int i = 0; inside && i < k; i++) {
                trial[i] = c[i] + step[i];
                inside = trial[i] >= lower[i] && trial[i] <= upper[i];
            }
            double st = inside ? sumOfSquares(trial) : Double.POSITIVE_INFINITY;
            if (st < s) {
                double rel = (s - st) / s;
                System.arraycopy(trial, 0, c, 0, k);
                lambda = Math.max(lambda / 10, 1e-12);
                if (rel < REL_TOL) {
                    break;
                }
                s = jacobian(c);
            } else {
                if (inside && st == s) {
                    break; // converged to rounding
                }
                lambda *= 10;
            }
        }
        return c;
    }
}
