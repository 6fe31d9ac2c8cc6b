package org.sharercloud.forecast.internal.arima;

import org.sharercloud.api.ApiException;
import org.sharercloud.forecast.internal.series.SeriesChecks;

/**
 * Fits an ARIMA model as R's {@code arima(method = "CSS-ML")}: conditional sum of squares for
 * starting values (Levenberg-Marquardt, {@link CssLeastSquares}), then exact maximum likelihood
 * (Kalman filter, {@link ArmaLikelihood}) on transformed parameters by BFGS as R's optim, then MA
 * parts made invertible. {@link #fitGiven} validates the series first (finite, long enough, not constant);
 * {@code fit} leaves that to its caller.
 */
public final class ArimaFitter {
    private ArimaFitter() {
    }

    /** Relative objective tolerance of a full fit. */
    public static final double PRECISE = 1e-10;
    /** A looser tolerance, enough to rank models by AICc during a search. */
    public static final double SEARCH = 1e-7;

    public static ArimaFit fit(double[] x, ArimaSpec spec) {
        return fit(x, spec, PRECISE);
    }

    public static ArimaFit fit(double[] x, ArimaSpec spec, double relTol) {
        return fit(x, spec, relTol, null);
    }

    /**
     * @param initial starting coefficients in R layout (e.g. from a looser fit), or null to start from
     *                the CSS estimates
     */
    public static ArimaFit fit(double[] x, ArimaSpec spec, double relTol, double[] initial) {
        FitBudget.checkState(spec);
        int n = x.length;
        int nUsed = n - spec.delta().length;
        double centre = 0;
        double scale = 1;
        if (spec.mean()) {
            centre = mean(x);
            scale = 10 * Math.sqrt(variance(x, centre) / n);
            if (!(scale > 0)) {
                scale = 1;
            }
        }
        double[] delta = spec.delta();
        double[] start = initial != null ? initial.clone() : cssStart(x, spec, centre, scale);
        ParameterCodec ml = new ParameterCodec(spec, true, centre, scale);
        // The optimiser sees the likelihood of the differenced series (a stationary ARMA, smaller state):
        // R's diffuse start with kappa = 1e6 gives the same value up to O(1/kappa).
        double[] w = Differencing.diff(x, spec.d(), spec.s(), spec.sd());
        ArmaLikelihood lik = new ArmaLikelihood(w, spec);
        double[] lower = ml.lower();
        double[] upper = ml.upper();
        Bfgs.Function objective = new Bfgs.Function() {
            @Override
            public double value(double[] v) {
                return lik.value(ml.decode(v));
            }

            @Override
            public void gradient(double[] v, double fv, double[] g) {
                double[] gCoef = new double[v.length];
                lik.valueAndGradient(ml.decode(v), gCoef);
                System.arraycopy(ml.chain(v, gCoef), 0, g, 0, v.length);
            }
        };
        double[] opt = Bfgs.minimise(objective, ml.encode(start), lower, upper, relTol);
        double[] coef = ml.decode(opt);
        Transforms.maInvert(coef, spec.p(), spec.q());
        Transforms.maInvert(coef, spec.p() + spec.q() + spec.sp(), spec.sq());

        double[][] poly = spec.expand(coef);
        StateSpace model = new StateSpace(poly[0], poly[1], delta);
        KalmanFilter filter = new KalmanFilter(model).run(centred(x, spec, coef));
        double value = filter.objective();
        double sigma2 = filter.ssq() / nUsed;
        double loglik = -0.5 * (2 * nUsed * value + nUsed + nUsed * Math.log(2 * Math.PI));
        double aic = -2 * loglik + 2 * spec.npar() + 2;
        return new ArimaFit(spec, coef, sigma2, loglik, aic, nUsed, model, filter);
    }

    /**
     * A conditional-sum-of-squares fit only (R's method "CSS"), for cheap model comparison.
     * Returns {coefficients, {sigma2, loglik, aicc}}.
     */
    public static double[][] cssOnly(double[] x, ArimaSpec spec) {
        double centre = spec.mean() ? mean(x) : 0;
        double scale = spec.mean() ? Math.max(10 * Math.sqrt(variance(x, centre) / x.length), 1e-12) : 1;
        double[] coef = cssEstimate(x, spec, centre, scale);
        CssLeastSquares css = new CssLeastSquares(x, spec);
        double sigma2 = css.sumOfSquares(coef) / css.used();
        int nUsed = x.length - spec.delta().length;
        double loglik = -0.5 * nUsed * (Math.log(2 * Math.PI * sigma2) + 1);
        int k = spec.npar() + 1;
        double aic = -2 * loglik + 2 * k;
        double aicc = nUsed - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (nUsed - k - 1) : Double.POSITIVE_INFINITY;
        return new double[][] {coef, {sigma2, loglik, aicc}};
    }

    private static double[] cssEstimate(double[] x, ArimaSpec spec, double centre, double scale) {
        double[] coef = new double[spec.npar()];
        if (spec.mean()) {
            coef[spec.narma()] = centre;
        }
        if (spec.npar() == 0) {
            return coef;
        }
        ParameterCodec css = new ParameterCodec(spec, false, centre, scale);
        return new CssLeastSquares(x, spec).fit(coef, css.decode(css.lower()), css.decode(css.upper()));
    }

    /** CSS estimates in R layout (AR parts reset to zero when not stationary, MA parts inverted). */
    private static double[] cssStart(double[] x, ArimaSpec spec, double centre, double scale) {
        return startFromCss(spec, cssEstimate(x, spec, centre, scale));
    }

    /**
     * The ML starting point R derives from CSS estimates (R layout): AR parts reset to zero when not
     * stationary (R stops there instead), MA parts inverted. {@code coef} is changed and returned.
     */
    public static double[] startFromCss(ArimaSpec spec, double[] coef) {
        resetIfExplosive(coef, 0, spec.p());
        resetIfExplosive(coef, spec.p() + spec.q(), spec.sp());
        Transforms.maInvert(coef, spec.p(), spec.q());
        Transforms.maInvert(coef, spec.p() + spec.q() + spec.sp(), spec.sq());
        return coef;
    }

    private static void resetIfExplosive(double[] coef, int from, int count) {
        if (count > 0 && !Transforms.arStationary(coef, from, count)) {
            for (int i = 0; i < count; i++) {
                coef[from + i] = 0;
            }
        }
    }

    static double[] centred(double[] x, ArimaSpec spec, double[] coef) {
        if (!spec.mean()) {
            return x;
        }
        double mu = coef[spec.narma()];
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] - mu;
        }
        return y;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return x.length > 1 ? s / (x.length - 1) : 0;
    }

    /** Fits an explicit order after checking the series can support it. */
    public static ArimaFit fitGiven(double[] values, ArimaSpec spec) {
        return fitGiven(values, spec, PRECISE);
    }

    /** As {@link #fitGiven(double[], ArimaSpec)} with the optimiser's relative tolerance. */
    public static ArimaFit fitGiven(double[] values, ArimaSpec spec, double relTol) {
        SeriesChecks.values(values, spec.minLength(), spec.toString());
        double[] w = Differencing.diff(values, spec.d(), spec.s(), spec.sd());
        if (Differencing.isConstant(w)) {
            String what = spec.diffLength() == 0 ? "the series is constant" : "the differenced series is constant";
            throw ApiException.badRequest("values", what + "; " + spec + " needs variance (use the naive forecaster)");
        }
        return fit(values, spec, relTol);
    }
}
