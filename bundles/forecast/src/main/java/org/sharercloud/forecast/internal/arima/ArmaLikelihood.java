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
