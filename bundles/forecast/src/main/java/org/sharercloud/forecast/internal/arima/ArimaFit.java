package org.sharercloud.forecast.internal.arima;

/**
 * A fitted ARIMA model: coefficients in R layout, sigma², log-likelihood and AIC as R reports them,
 * and the filtered state from which it forecasts.
 */
public final class ArimaFit {
    private final ArimaSpec spec;
    private final double[] coef;
    private final double sigma2;
    private final double loglik;
    private final double aic;
    private final int nUsed;
    private final StateSpace model;
    private final KalmanFilter filter;

    ArimaFit(ArimaSpec spec, double[] coef, double sigma2, double loglik, double aic, int nUsed,
            StateSpace model, KalmanFilter filter) {
        this.spec = spec;
        this.coef = coef;
        this.sigma2 = sigma2;
        this.loglik = loglik;
        this.aic = aic;
        this.nUsed = nUsed;
        this.model = model;
        this.filter = filter;
    }

    public ArimaSpec spec() {
        return spec;
    }

    /** Coefficients {@code [ar, ma, sar, sma, intercept?]}. */
    public double[] coef() {
        return coef.clone();
    }

    public double sigma2() {
        return sigma2;
    }

    public double loglik() {
        return loglik;
    }

    public double aic() {
        return aic;
    }

    /** AIC corrected for small samples, as forecast::auto.arima computes it. */
    public double aicc() {
        int k = spec.npar() + 1;
        int denom = nUsed - k - 1;
        return denom > 0 ? aic + 2.0 * k * (k + 1) / denom : Double.POSITIVE_INFINITY;
    }

    /** Smallest root modulus of the expanded AR and MA polynomials (near 1: close to non-stationary / non-invertible). */
    public double minRootModulus() {
        return Transforms.minRootModulus(spec, coef);
    }

    /** @return {point forecasts, standard errors} for steps 1..h */
    public double[][] forecast(int h) {
        double[][] fv = KalmanForecast.forecast(model, filter.state(), filter.covariance(), h);
        double mu = spec.mean() ? coef[spec.narma()] : 0.0;
        double[] se = new double[h];
        for (int i = 0; i < h; i++) {
            fv[0][i] += mu;
            se[i] = Math.sqrt(fv[1][i] * sigma2);
        }
        return new double[][] {fv[0], se};
    }
}
