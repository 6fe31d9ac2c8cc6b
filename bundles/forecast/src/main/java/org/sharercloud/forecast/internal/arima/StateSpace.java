package org.sharercloud.forecast.internal.arima;

/**
 * R's {@code makeARIMA} state-space form of an ARIMA model: an ARMA block of size
 * r = max(p, q + 1) followed by d' = len(Delta) differencing states. Transition T (applied with
 * {@link #leftMultiply}), observation Z = (1, 0…0, Delta), innovation loading R = (1, theta, 0…0),
 * initial covariance: the stationary one for the ARMA block (solved by the doubling algorithm) and
 * kappa = 1e6 on the diagonal of the diffuse differencing block.
 */
public final class StateSpace {
    static final double KAPPA = 1e6;

    final double[] phi;
    final double[] theta;
    final double[] delta;
    final int r;
    final int rd;

    public StateSpace(double[] phi, double[] theta, double[] delta) {
        this.phi = phi;
        this.theta = theta;
        this.delta = delta;
        this.r = Math.max(phi.length, theta.length + 1);
        this.rd = r + delta.length;
    }

    /** out = T · m, for a state-sized column vector view: each row of {@code m} is one state row. */
    void leftMultiply(double[][] m, double[][] out) {
        int p = phi.length;
        int d = delta.length;
        int cols = m[0].length;
        for (int i = 0; i < r; i++) {
            double[] o = out[i];
            double ph = i < p ? phi[i] : 0.0;
            double[] next = i < r - 1 ? m[i + 1] : null;
            double[] first = m[0];
            for (int j = 0; j < cols; j++) {
                o[j] = ph * first[j] + (next != null ? next[j] : 0.0);
            }
        }
        if (d > 0) {
            double[] o = out[r];
            for (int j = 0; j < cols; j++) {
                double tmp = m[0][j];
                for (int k = 0; k < d; k++) {
                    tmp += delta[k] * m[r + k][j];
                }
                o[j] = tmp;
            }
            for (int i = 1; i < d; i++) {
                System.arraycopy(m[r + i - 1], 0, out[r + i], 0, cols);
            }
        }
    }

    /** out = T · a. */
    void predictState(double[] a, double[] out) {
        int p = phi.length;
        for (int i = 0; i < r; i++) {
            double tmp = i < r - 1 ? a[i + 1] : 0.0;
            if (i < p) {
                tmp += phi[i] * a[0];
            }
            out[i] = tmp;
        }
        int d = delta.length;
        if (d > 0) {
            double tmp = a[0];
            for (int k = 0; k < d; k++) {
                tmp += delta[k] * a[r + k];
            }
            out[r] = tmp;
            for (int i = 1; i < d; i++) {
                out[r + i] = a[r + i - 1];
            }
        }
    }

    /** pnew = T P T' + R R' (P symmetric); {@code work} is rd×rd scratch. */
    void predictCovariance(double[][] pm, double[][] work, double[][] pnew) {
        if (delta.length == 0) {
            predictArmaCovariance(pm, pnew);
            return;
        }
        leftMultiply(pm, work); // work = T P
        transposeInPlace(work); // work = P T'
        leftMultiply(work, pnew); // pnew = T P T'
        int q = theta.length;
        for (int i = 0; i <= q; i++) {
            double vi = i == 0 ? 1.0 : theta[i - 1];
            for (int j = 0; j <= q; j++) {
                pnew[i][j] += vi * (j == 0 ? 1.0 : theta[j - 1]);
            }
        }
    }

    /** The d = 0 case entry by entry, as R's ARIMA_Like does: O(1) work per entry. */
    private void predictArmaCovariance(double[][] pm, double[][] pnew) {
        int p = phi.length;
        int q = theta.length;
        double p00 = pm[0][0];
        double[] p0 = pm[0];
        for (int i = 0; i < r; i++) {
            double vi = i == 0 ? 1.0 : (i - 1 < q ? theta[i - 1] : 0.0);
            double phii = i < p ? phi[i] : 0.0;
            double[] below = i < r - 1 ? pm[i + 1] : null;
            double[] out = pnew[i];
            for (int j = 0; j < r; j++) {
                double vj = j == 0 ? 1.0 : (j - 1 < q ? theta[j - 1] : 0.0);
                double phij = j < p ? phi[j] : 0.0;
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

    /** Z · v. */
    double observe(double[] v) {
        double tmp = v[0];
        for (int k = 0; k < delta.length; k++) {
            tmp += delta[k] * v[r + k];
        }
        return tmp;
    }

    /** The covariance of the state before the first observation. */
    double[][] initialCovariance() {
        double[][] pn = new double[rd][rd];
        double[][] q0 = StationaryCovariance.of(phi, theta, r);
        for (int i = 0; i < r; i++) {
            System.arraycopy(q0[i], 0, pn[i], 0, r);
        }
        for (int i = r; i < rd; i++) {
            pn[i][i] = KAPPA;
        }
        return pn;
    }

    static void transposeInPlace(double[][] m) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double t = m[i][j];
                m[i][j] = m[j][i];
                m[j][i] = t;
            }
        }
    }
}
