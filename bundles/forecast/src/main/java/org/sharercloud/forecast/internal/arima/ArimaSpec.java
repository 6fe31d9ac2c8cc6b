package org.sharercloud.forecast.internal.arima;

import org.sharercloud.api.forecast.ArimaOrder;

/**
 * A concrete ARIMA(p,d,q)(P,D,Q)[s] model structure and R's coefficient layout
 * {@code [ar(p), ma(q), sar(P), sma(Q), intercept?]}.
 */
public record ArimaSpec(int p, int d, int q, int sp, int sd, int sq, int s, boolean mean) {

    /** From an API order without automatic components; the mean only when d + D = 0, as R does. */
    public static ArimaSpec of(ArimaOrder o) {
        int s = o.period() > 1 ? o.period() : 0;
        int sp = s > 0 ? o.P() : 0;
        int sd = s > 0 ? o.D() : 0;
        int sq = s > 0 ? o.Q() : 0;
        return new ArimaSpec(o.p(), o.d(), o.q(), sp, sd, sq, s, o.includeMean() && o.d() + sd == 0);
    }

    public ArimaOrder toOrder() {
        return new ArimaOrder(p, d, q, sp, sd, sq, s, mean);
    }

    /** Number of ARMA coefficients (without the mean). */
    public int narma() {
        return p + q + sp + sq;
    }

    /** Number of estimated parameters (R's {@code sum(mask)}). */
    public int npar() {
        return narma() + (mean ? 1 : 0);
    }

    /** Length of the expanded AR polynomial p + s·P. */
    public int fullP() {
        return p + s * sp;
    }

    /** Length of the expanded MA polynomial q + s·Q. */
    public int fullQ() {
        return q + s * sq;
    }

    /** Observations consumed by differencing: d + s·D. */
    public int diffLength() {
        return d + s * sd;
    }

    /** Fewest observations this model accepts. */
    public int minLength() {
        return diffLength() + fullP() + npar() + 2;
    }

    /** R's Delta: the coefficients of (1-B)^d (1-B^s)^D, negated and without the leading 1. */
    public double[] delta() {
        double[] poly = {1.0};
        for (int i = 0; i < d; i++) {
            poly = multiply(poly, 1);
        }
        for (int i = 0; i < sd; i++) {
            poly = multiply(poly, s);
        }
        double[] delta = new double[poly.length - 1];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = -poly[i + 1];
        }
        return delta;
    }

    private static double[] multiply(double[] poly, int lag) {
        double[] out = new double[poly.length + lag];
        for (int i = 0; i < poly.length; i++) {
            out[i] += poly[i];
            out[i + lag] -= poly[i];
        }
        return out;
    }

    /**
     * Expands R-layout ARMA coefficients into the full AR polynomial phi (length p + sP) and MA
     * polynomial theta (length q + sQ), as R's {@code ARIMA_transPars} does.
     */
    public double[][] expand(double[] coef) {
        double[] phi = new double[fullP()];
        double[] theta = new double[fullQ()];
        System.arraycopy(coef, 0, phi, 0, p);
        System.arraycopy(coef, p, theta, 0, q);
        for (int j = 0; j < sp; j++) {
            double sar = coef[p + q + j];
            phi[(j + 1) * s - 1] += sar;
            for (int i = 0; i < p; i++) {
                phi[(j + 1) * s + i] -= coef[i] * sar;
            }
        }
        for (int j = 0; j < sq; j++) {
            double sma = coef[p + q + sp + j];
            theta[(j + 1) * s - 1] += sma;
            for (int i = 0; i < q; i++) {
                theta[(j + 1) * s + i] += coef[p + i] * sma;
            }
        }
        return new double[][] {phi, theta};
    }

    @Override
    public String toString() {
        String base = "ARIMA(" + p + "," + d + "," + q + ")";
        return (s > 0 ? base + "(" + sp + "," + sd + "," + sq + ")[" + s + "]" : base) + (mean ? " with mean" : "");
    }
}
