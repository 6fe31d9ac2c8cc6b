package org.sharercloud.forecast.internal.arima;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * R's parameter transformations: AR parts are optimised as atanh of partial autocorrelations
 * ({@code partrans}/{@code invpartrans}), which keeps them stationary; MA parts are made invertible
 * after the fit ({@code maInvert}).
 */
public final class Transforms {
    private Transforms() {
    }

    /** PACF in (-inf, inf) (atanh scale) to AR coefficients, by Durbin-Levinson. */
    public static void partrans(double[] raw, int from, int count, double[] out) {
        double[] work = new double[count];
        double[] pacf = new double[count];
        for (int j = 0; j < count; j++) {
            pacf[j] = Math.tanh(raw[from + j]);
            work[j] = pacf[j];
        }
        double[] cur = pacf.clone();
        for (int j = 1; j < count; j++) {
            double a = cur[j];
            for (int k = 0; k < j; k++) {
                work[k] -= a * cur[j - k - 1];
            }
            System.arraycopy(work, 0, cur, 0, j);
        }
        System.arraycopy(cur, 0, out, from, count);
    }

    /** The Jacobian of {@link #partrans}: J[c][i] = d coef[from + c] / d raw[from + i] (forward mode). */
    public static double[][] partransJacobian(double[] raw, int from, int count) {
        double[][] jac = new double[count][count];
        double[] pacf = new double[count];
        for (int j = 0; j < count; j++) {
            pacf[j] = Math.tanh(raw[from + j]);
        }
        for (int dir = 0; dir < count; dir++) {
            double[] cur = pacf.clone();
            double[] work = pacf.clone();
            double[] dcur = new double[count];
            dcur[dir] = 1 - pacf[dir] * pacf[dir];
            double[] dwork = dcur.clone();
            for (int j = 1; j < count; j++) {
                double a = cur[j];
                double da = dcur[j];
                for (int k = 0; k < j; k++) {
                    work[k] -= a * cur[j - k - 1];
                    dwork[k] -= da * cur[j - k - 1] + a * dcur[j - k - 1];
                }
                System.arraycopy(work, 0, cur, 0, j);
                System.arraycopy(dwork, 0, dcur, 0, j);
            }
            for (int c = 0; c < count; c++) {
                jac[c][dir] = dcur[c];
            }
        }
        return jac;
    }

    /** AR coefficients (stationary) to the atanh PACF scale; inverse of {@link #partrans}. */
    public static void invpartrans(double[] phi, int from, int count, double[] out) {
        double[] cur = new double[count];
        double[] work = new double[count];
        System.arraycopy(phi, from, cur, 0, count);
        System.arraycopy(cur, 0, work, 0, count);
        for (int j = count - 1; j > 0; j--) {
            double a = cur[j];
            for (int k = 0; k < j; k++) {
                work[k] = (cur[k] + a * cur[j - k - 1]) / (1 - a * a);
            }
            System.arraycopy(work, 0, cur, 0, j);
        }
        for (int j = 0; j < count; j++) {
            out[from + j] = atanh(cur[j]);
        }
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** True when 1 - phi_1 z - ... - phi_p z^p has all roots outside the unit circle. */
    public static boolean arStationary(double[] coef, int from, int count) {
        double[] poly = new double[count + 1];
        poly[0] = 1;
        for (int i = 0; i < count; i++) {
            poly[i + 1] = -coef[from + i];
        }
        return minRootModulus(poly) > 1;
    }

    /**
     * Smallest modulus of the roots of the polynomial (coefficients lowest degree first); +inf when
     * constant, 0 when the roots cannot be computed.
     */
    public static double minRootModulus(double[] poly) {
        int deg = poly.length - 1;
        while (deg > 0 && Math.abs(poly[deg]) < 1e-12) {
            deg--;
        }
        if (deg == 0) {
            return Double.POSITIVE_INFINITY;
        }
        Complex[] roots = roots(poly, deg);
        if (roots == null) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (Complex root : roots) {
            min = Math.min(min, root.abs());
        }
        return min;
    }

    /** Roots as eigenvalues of the companion matrix (robust where polynomial root finders stall). */
    private static Complex[] roots(double[] poly, int deg) {
        if (deg == 1) {
            return new Complex[] {new Complex(-poly[0] / poly[1])};
        }
        RealMatrix companion = new Array2DRowRealMatrix(deg, deg);
        for (int i = 0; i < deg; i++) {
            companion.setEntry(0, i, -poly[deg - 1 - i] / poly[deg]);
            if (i > 0) {
                companion.setEntry(i, i - 1, 1.0);
            }
        }
        EigenDecomposition eig;
        try {
            eig = new EigenDecomposition(companion);
        } catch (RuntimeException e) { // no convergence: callers treat the polynomial as unusable
            return null;
        }
        double[] re = eig.getRealEigenvalues();
        double[] im = eig.getImagEigenvalues();
        Complex[] roots = new Complex[deg];
        for (int i = 0; i < deg; i++) {
            roots[i] = new Complex(re[i], im[i]);
        }
        return roots;
    }

    /** Smallest root modulus of a model's expanded AR polynomial 1 - phi(z) and MA polynomial 1 + theta(z). */
    public static double minRootModulus(ArimaSpec spec, double[] coef) {
        double[][] poly = spec.expand(coef);
        double[] ar = new double[poly[0].length + 1];
        ar[0] = 1;
        for (int i = 0; i < poly[0].length; i++) {
            ar[i + 1] = -poly[0][i];
        }
        double[] ma = new double[poly[1].length + 1];
        ma[0] = 1;
        System.arraycopy(poly[1], 0, ma, 1, poly[1].length);
        return Math.min(minRootModulus(ar), minRootModulus(ma));
    }

    /** R's maInvert: reflects MA roots inside the unit circle to make the MA part invertible. */
    public static void maInvert(double[] coef, int from, int count) {
        int q0 = count;
        while (q0 > 0 && coef[from + q0 - 1] == 0) {
            q0--;
        }
        if (q0 == 0) {
            return;
        }
        double[] poly = new double[q0 + 1];
        poly[0] = 1;
        System.arraycopy(coef, from, poly, 1, q0);
        if (q0 == 1) {
            if (Math.abs(poly[1]) > 1) {
                coef[from] = 1 / poly[1];
            }
            return;
        }
        Complex[] roots = roots(poly, q0);
        if (roots == null) {
            return;
        }
        boolean any = false;
        for (int i = 0; i < roots.length; i++) {
            if (roots[i].abs() < 1) {
                roots[i] = roots[i].reciprocal();
                any = true;
            }
        }
        if (!any) {
            return;
        }
        // rebuild prod (1 - z / root_i), constant term 1
        Complex[] x = {Complex.ONE};
        for (Complex root : roots) {
            Complex[] next = new Complex[x.length + 1];
            for (int i = 0; i < next.length; i++) {
                Complex a = i < x.length ? x[i] : Complex.ZERO;
                Complex b = i > 0 ? x[i - 1].divide(root) : Complex.ZERO;
                next[i] = a.subtract(b);
            }
            x = next;
        }
        for (int i = 0; i < q0; i++) {
            coef[from + i] = x[i + 1].getReal();
        }
    }
}
