package org.sharercloud.forecast.internal.arima;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The stationary covariance Q of the ARMA state block (Q = T Q T' + R R', unit innovation variance),
 * the matrix R's {@code getQ0} (Gardner et al. 1980) computes. Here: solve for the ARMA
 * autocovariances, fill the first row (Cov(x_t, state_k)), then every other entry from the
 * recursion Q(i,j) = φi φj Q(1,1) + φi Q(1,j+1) + φj Q(1,i+1) + Q(i+1,j+1) + Ri Rj, in O(p³ + r²).
 */
final class StationaryCovariance {
    private StationaryCovariance() {
    }

    static double[][] of(double[] phi, double[] theta, int r) {
        int p = phi.length;
        int q = theta.length;
        double[] th = new double[r + 1]; // th[0] = 1, th[j] = theta_j
        th[0] = 1;
        System.arraycopy(theta, 0, th, 1, q);
        double[] ph = new double[r + 2]; // ph[i] = phi_i (1-based), zero beyond p
        System.arraycopy(phi, 0, ph, 1, p);
        double[] psi = new double[r + 1];
        for (int j = 0; j <= r; j++) {
            double v = th[j];
            for (int i = 1; i <= Math.min(j, p); i++) {
                v += ph[i] * psi[j - i];
            }
            psi[j] = v;
        }
        double[] gamma = autocovariances(ph, p, th, q, psi, r);
        double[][] m = new double[r][r];
        for (int k = 1; k <= r; k++) {
            double v = 0;
            for (int s = k; s <= r; s++) {
                v += ph[s] * gamma[s - k + 1] + th[s - 1] * psi[s - k];
            }
            m[0][k - 1] = v;
            m[k - 1][0] = v;
        }
        double q11 = m[0][0];
        for (int i = r; i >= 2; i--) {
            for (int j = r; j >= i; j--) {
                double v = ph[i] * ph[j] * q11 + th[i - 1] * th[j - 1];
                if (j < r) {
                    v += ph[i] * m[0][j] + m[i][j];
                }
                if (i < r) {
                    v += ph[j] * m[0][i];
                }
                m[i - 1][j - 1] = v;
                m[j - 1][i - 1] = v;
            }
        }
        return m;
    }

    /** gamma(0..r+1) of the ARMA process with unit innovation variance. */
    private static double[] autocovariances(double[] ph, int p, double[] th, int q, double[] psi, int r) {
        double[] b = new double[r + 2];
        for (int h = 0; h <= Math.min(q, r + 1); h++) {
            double v = 0;
            for (int j = h; j <= q; j++) {
                v += th[j] * psi[j - h];
            }
            b[h] = v;
        }
        double[] gamma = new double[r + 2];
        if (p == 0) {
            System.arraycopy(b, 0, gamma, 0, gamma.length);
            return gamma;
        }
        RealMatrix a = new Array2DRowRealMatrix(p + 1, p + 1);
        for (int h = 0; h <= p; h++) {
            a.addToEntry(h, h, 1);
            for (int i = 1; i <= p; i++) {
                a.addToEntry(h, Math.abs(h - i), -ph[i]);
            }
        }
        double[] g = new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b, 0, p + 1)).toArray();
        System.arraycopy(g, 0, gamma, 0, p + 1);
        for (int h = p + 1; h < gamma.length; h++) {
            double v = b[h];
            for (int i = 1; i <= p; i++) {
                v += ph[i] * gamma[h - i];
            }
            gamma[h] = v;
        }
        return gamma;
    }
}
