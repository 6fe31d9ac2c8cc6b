package org.sharercloud.forecast.internal.arima;

/**
 * The conditional sum of squares of an ARIMA model (R's {@code ARIMA_CSS}): difference the series,
 * then run the ARMA recursion from observation {@code ncond} with earlier innovations set to zero.
 */
public final class ConditionalSumOfSquares {
    private final double[] w;
    private final int ncond;
    private final double[] resid;

    /** @param x the series, already centred when the model has a mean */
    public ConditionalSumOfSquares(double[] x, ArimaSpec spec) {
        this.w = Differencing.applyInPlaceStyle(x, spec.d(), spec.s(), spec.sd());
        this.ncond = spec.diffLength() + spec.fullP();
        this.resid = new double[x.length];
    }

    /** Mean squared conditional residual for the expanded polynomials. */
    public double meanSquare(double[] phi, double[] theta) {
        int n = w.length;
        int p = phi.length;
        int q = theta.length;
        double ssq = 0;
        int nu = 0;
        for (int l = ncond; l < n; l++) {
            double tmp = w[l];
            for (int j = 0; j < p; j++) {
                tmp -= phi[j] * w[l - j - 1];
            }
            int jmax = Math.min(l - ncond, q);
            for (int j = 0; j < jmax; j++) {
                tmp -= theta[j] * resid[l - j - 1];
            }
            resid[l] = tmp;
            ssq += tmp * tmp;
            nu++;
        }
        return nu == 0 ? Double.NaN : ssq / nu;
    }
}
