package org.sharercloud.forecast.internal.arima;

/**
 * The objective the ML fit minimises: minus the concentrated Gaussian log-likelihood per observation,
 * 0.5 (log(ssq/nu) + sumlog/nu), of a stationary ARMA (the differenced series) by R's Kalman filter
 * ({@code ARIMA_Like} with d = 0), with every buffer allocated once per fit. Once the filtered state
 * covariance has vanished the filter is in its steady state (gain 1, P = 0) and each step is the O(r)
 * innovation recursion, as R's arima0 switches to "fast recursions".
 */
final class ArmaLikelihood {
    private final ArimaSpec spec;
    private final double[] w;
    private final int r;
    private final double[] phi;
    private final double[] theta;
    private final double[] a;
    private final double[] anew;
    private final double[] m;
    private double[][] pm;
    private double[][] pnew;

    /** @param w the differenced series (a mean, when the spec has one, is subtracted here) */
    ArmaLikelihood(double[] w, ArimaSpec spec) {
        this.spec = spec;
        this.w = w;
        this.r = Math.max(spec.fullP(), spec.fullQ() + 1);
        this.phi = new double[r];
        this.theta = new double[r];
        this.a = new double[r];
        this.anew = new double[r];
        this.m = new double[r];
        this.pm = new double[r][r];
        this.pnew = new double[r][r];
    }

    /** The objective at R-layout coefficients; NaN when the likelihood cannot be computed. */
    double value(double[] coef) {
        FitBudget.check();
        double[][] poly = spec.expand(coef);
        java.util.Arrays.fill(phi, 0);
        java.util.Arrays.fill(theta, 0);
        System.arraycopy(poly[0], 0, phi, 0, poly[0].length);
        System.arraycopy(poly[1], 0, theta, 0, poly[1].length);
        double mu = spec.mean() ? coef[spec.narma()] : 0;
        double[][] q0 = StationaryCovariance.of(poly[0], poly[1], r);
        for (int i = 0; i < r; i++) {
            System.arraycopy(q0[i], 0, pnew[i], 0, r);
        }
        java.util.Arrays.fill(a, 0);
        int n = w.length;
        double ssq = 0;
        double sumlog = 0;
        int nu = 0;
        int l = 0;
        for (; l < n; l++) {
            predictState();
            if (l > 0) {
                predictCovariance();
            }
            double resid = w[l] - mu - anew[0];
            double[] p0 = pnew[0];
            double gain = p0[0];
            if (gain < 1e4) {
                nu++;
                ssq += resid * resid / gain;
                sumlog += Math.log(gain);
            }
            double maxDiag = 0;
            for (int i = 0; i < r; i++) {
                m[i] = pnew[i][0]; // P Z' with Z = e1
                a[i] = anew[i] + m[i] * resid / gain;
            }
            for (int i = 0; i < r; i++) {
                double[] row = pm[i];
                double[] src = pnew[i];
                double mi = m[i] / gain;
                for (int j = 0; j < r; j++) {
                    row[j] = src[j] - mi * m[j];
                }
                maxDiag = Math.max(maxDiag, Math.abs(row[i]));
            }
            if (maxDiag < KalmanFilter.STEADY_TOL) {
                l++;
                break;
            }
        }
        // steady state: a <- T a + R (y - a_1), every innovation with variance 1
        for (; l < n; l++) {
            double a0 = a[0];
            double resid = w[l] - mu - (phi[0] * a0 + (r > 1 ? a[1] : 0));
            nu++;
            ssq += resid * resid;
            double e0 = resid;
            a[0] = phi[0] * a0 + (r > 1 ? a[1] : 0) + e0;
            for (int i = 1; i < r - 1; i++) {
                a[i] = phi[i] * a0 + a[i + 1] + theta[i - 1] * e0;
            }
            if (r > 1) {
                a[r - 1] = phi[r - 1] * a0 + theta[r - 2] * e0;
            }
        }
        if (nu == 0 || !(ssq > 0) || Double.isNaN(sumlog)) {
            return Double.NaN;
        }
        return 0.5 * (Math.log(ssq / nu) + sumlog / nu);
    }

    /**
     * The objective and its gradient with respect to the R-layout coefficients (written into
     * {@code g}): the Kalman recursions differentiated alongside the filter (forward mode, one tangent
     * per coefficient), exact except for the initial covariance, whose derivative is a central
     * difference of {@link StationaryCovariance} (cheap: O(p³ + r²), once per gradient).
     */
    double valueAndGradient(double[] coef, double[] g) {
        FitBudget.check();
        int k = spec.npar();
        int narma = spec.narma();
        double[][] poly = spec.expand(coef);
        java.util.Arrays.fill(phi, 0);
        java.util.Arrays.fill(theta, 0);
        System.arraycopy(poly[0], 0, phi, 0, poly[0].length);
        System.arraycopy(poly[1], 0, theta, 0, poly[1].length);
        double mu = spec.mean() ? coef[narma] : 0;
        PolyDerivatives pd = PolyDerivatives.of(spec, coef);
        double[][] dphi = new double[k][r];
        double[][] dv = new double[k][r]; // derivative of R = (1, theta_1, ..., theta_{r-1})
        double[] dmu = new double[k];
        for (int c = 0; c < narma; c++) {
            for (int t = 0; t < pd.arIndex[c].length; t++) {
                dphi[c][pd.arIndex[c][t]] += pd.arWeight[c][t];
            }
            for (int t = 0; t < pd.maIndex[c].length; t++) {
                dv[c][pd.maIndex[c][t] + 1] += pd.maWeight[c][t];
            }
        }
        if (spec.mean()) {
            dmu[narma] = 1;
        }
        double[][] q0 = StationaryCovariance.of(poly[0], poly[1], r);
        double[][][] dpn = new double[k][][];
        for (int c = 0; c < k; c++) {
            dpn[c] = c < narma ? covarianceDerivative(poly[0], poly[1], dphi[c], dv[c]) : new double[r][r];
        }
        for (int i = 0; i < r; i++) {
            System.arraycopy(q0[i], 0, pnew[i], 0, r);
        }
        double[] v = new double[r];
        v[0] = 1;
        System.arraycopy(theta, 0, v, 1, r - 1);
        java.util.Arrays.fill(a, 0);
        double[][] da = new double[k][r];
        double[][] dan = new double[k][r];
        double[][][] dp = new double[k][r][r];
        double[] dssq = new double[k];
        double[] dsumlog = new double[k];
        double[] dres = new double[k];
        double[] dgain = new double[k];
        int n = w.length;
        double ssq = 0;
        double sumlog = 0;
        int nu = 0;
        int l = 0;
        for (; l < n; l++) {
            for (int c = 0; c < k; c++) {
                double[] d = da[c];
                double[] dn = dan[c];
                for (int i = 0; i < r; i++) {
                    dn[i] = (i < r - 1 ? d[i + 1] : 0) + dphi[c][i] * a[0] + phi[i] * d[0];
                }
            }
            predictState();
            if (l > 0) {
                for (int c = 0; c < k; c++) {
                    predictCovarianceTangent(dphi[c], dv[c], dp[c], dpn[c], v);
                }
                predictCovariance();
            }
            double resid = w[l] - mu - anew[0];
            double gain = pnew[0][0];
            boolean counted = gain < 1e4;
            if (counted) {
                nu++;
                ssq += resid * resid / gain;
                sumlog += Math.log(gain);
            }
            for (int i = 0; i < r; i++) {
                m[i] = pnew[i][0];
            }
            for (int c = 0; c < k; c++) {
                double dr = -dmu[c] - dan[c][0];
                double df = dpn[c][0][0];
                dres[c] = dr;
                dgain[c] = df;
                if (counted) {
                    dssq[c] += 2 * resid * dr / gain - resid * resid * df / (gain * gain);
                    dsumlog[c] += df / gain;
                }
                double[] d = da[c];
                double[][] dpc = dpn[c];
                double[][] dfilt = dp[c];
                for (int i = 0; i < r; i++) {
                    double dmi = dpc[i][0];
                    d[i] = dan[c][i] + (dmi * resid + m[i] * dr) / gain - m[i] * resid * df / (gain * gain);
                    for (int j = 0; j < r; j++) {
                        double dmj = dpc[j][0];
                        dfilt[i][j] = dpc[i][j] - (dmi * m[j] + m[i] * dmj) / gain + m[i] * m[j] * df / (gain * gain);
                    }
                }
            }
            double maxDiag = 0;
            for (int i = 0; i < r; i++) {
                a[i] = anew[i] + m[i] * resid / gain;
            }
            for (int i = 0; i < r; i++) {
                double[] row = pm[i];
                double[] src = pnew[i];
                double mi = m[i] / gain;
                for (int j = 0; j < r; j++) {
                    row[j] = src[j] - mi * m[j];
                }
                maxDiag = Math.max(maxDiag, Math.abs(row[i]));
            }
            if (maxDiag < KalmanFilter.STEADY_TOL) {
                l++;
                break;
            }
        }
        for (; l < n; l++) { // steady state: P = 0, gain 1, a <- T a + R e
            double a0 = a[0];
            double pred = phi[0] * a0 + (r > 1 ? a[1] : 0);
            double resid = w[l] - mu - pred;
            nu++;
            ssq += resid * resid;
            for (int c = 0; c < k; c++) {
                double[] d = da[c];
                double[] dph = dphi[c];
                double[] dvc = dv[c];
                double d0 = d[0];
                double dpred = dph[0] * a0 + phi[0] * d0 + (r > 1 ? d[1] : 0);
                double dr = -dmu[c] - dpred;
                dssq[c] += 2 * resid * dr;
                d[0] = -dmu[c]; // = dpred + dr: the filtered first state is the observation itself
                for (int i = 1; i < r - 1; i++) {
                    d[i] = d[i + 1] + dph[i] * a0 + phi[i] * d0 + dvc[i] * resid + v[i] * dr;
                }
                if (r > 1) {
                    d[r - 1] = dph[r - 1] * a0 + phi[r - 1] * d0 + dvc[r - 1] * resid + v[r - 1] * dr;
                }
            }
            a[0] = pred + resid;
            for (int i = 1; i < r - 1; i++) {
                a[i] = phi[i] * a0 + a[i + 1] + theta[i - 1] * resid;
            }
            if (r > 1) {
                a[r - 1] = phi[r - 1] * a0 + theta[r - 2] * resid;
            }
        }
        if (nu == 0 || !(ssq > 0) || Double.isNaN(sumlog)) {
            java.util.Arrays.fill(g, Double.NaN);
            return Double.NaN;
        }
        for (int c = 0; c < k; c++) {
            g[c] = 0.5 * (dssq[c] / ssq + dsumlog[c] / nu);
        }
        return 0.5 * (Math.log(ssq / nu) + sumlog / nu);
    }

    /** d Q0 along (dphi, dtheta) by central differences (Q0 is smooth inside the stationary region). */
    private double[][] covarianceDerivative(double[] phi0, double[] theta0, double[] dphi, double[] dv) {
        double h = 1e-6;
        double[] pu = phi0.clone();
        double[] pl = phi0.clone();
        for (int i = 0; i < pu.length; i++) {
            pu[i] += h * dphi[i];
            pl[i] -= h * dphi[i];
        }
        double[] tu = theta0.clone();
        double[] tl = theta0.clone();
        for (int i = 0; i < tu.length; i++) {
            tu[i] += h * dv[i + 1];
            tl[i] -= h * dv[i + 1];
        }
        double[][] up = StationaryCovariance.of(pu, tu, r);
        double[][] lo = StationaryCovariance.of(pl, tl, r);
        double[][] d = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                d[i][j] = (up[i][j] - lo[i][j]) / (2 * h);
            }
        }
        return d;
    }

    /** dPnew = d(T P T' + R R') along one direction, from the filtered P (pm) and its tangent dp. */
    private void predictCovarianceTangent(double[] dphi, double[] dv, double[][] dp, double[][] out, double[] v) {
        double p00 = pm[0][0];
        double dp00 = dp[0][0];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double tmp = dv[i] * v[j] + v[i] * dv[j]
                        + (dphi[i] * phi[j] + phi[i] * dphi[j]) * p00 + phi[i] * phi[j] * dp00;
                if (j < r - 1) {
                    tmp += dphi[i] * pm[0][j + 1] + phi[i] * dp[0][j + 1];
                    if (i < r - 1) {
                        tmp += dp[i + 1][j + 1];
                    }
                }
                if (i < r - 1) {
                    tmp += dphi[j] * pm[i + 1][0] + phi[j] * dp[i + 1][0];
                }
                out[i][j] = tmp;
            }
        }
    }

    private void predictState() {
        double a0 = a[0];
        for (int i = 0; i < r - 1; i++) {
            anew[i] = a[i + 1] + phi[i] * a0;
        }
        anew[r - 1] = phi[r - 1] * a0;
    }

    /** pnew = T P T' + R R' entry by entry (R's ARIMA_Like, d = 0). */
    private void predictCovariance() {
        double p00 = pm[0][0];
        double[] p0 = pm[0];
        for (int i = 0; i < r; i++) {
            double vi = i == 0 ? 1.0 : theta[i - 1];
            double phii = phi[i];
            double[] below = i < r - 1 ? pm[i + 1] : null;
            double[] out = pnew[i];
            for (int j = 0; j < r; j++) {
                double vj = j == 0 ? 1.0 : theta[j - 1];
                double phij = phi[j];
                double tmp = vi * vj + phii * phij * p00;
                if (j < r - 1) {
                    tmp += phii * p0[j + 1];
                    if (below != null) {
                        tmp += below[j + 1];
                    }
                }
                if (below != null) {
                    tmp += phij * below[0];
                }
                out[j] = tmp;
            }
        }
    }
}
