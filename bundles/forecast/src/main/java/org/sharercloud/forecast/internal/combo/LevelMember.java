package org.sharercloud.forecast.internal.combo;

import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Coefficients;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.forecast.internal.arima.ArimaFit;
import org.sharercloud.forecast.internal.arima.ArimaFitter;
import org.sharercloud.forecast.internal.arima.ArimaSpec;

import java.util.Arrays;

/**
 * ARIMA(0,1,1) fitted by exact maximum likelihood (simple exponential smoothing with its smoothing
 * weight estimated as R's arima would), or the random walk ARIMA(0,1,0) when that fit fails (e.g. a
 * series whose steps are all equal). Its forecast from any earlier origin t is flat at the one-step
 * prediction after y[t], from the innovation recursion ŷ(t+1) = y(t) + θ (y(t) - ŷ(t)).
 */
final class LevelMember {
    private final double[] y;
    private final ArimaFit fit;
    private final double theta;
    private final double[] oneStep;

    private LevelMember(double[] y, ArimaFit fit) {
        this.y = y;
        this.fit = fit;
        this.theta = fit == null ? 0 : fit.coef()[0];
        this.oneStep = new double[y.length + 1];
        oneStep[1] = y[0];
        for (int t = 1; t < y.length; t++) {
            oneStep[t + 1] = y[t] + theta * (y[t] - oneStep[t]);
        }
    }

    static LevelMember fit(double[] y) {
        ArimaFit fit;
        try {
            fit = ArimaFitter.fit(y, new ArimaSpec(0, 1, 1, 0, 0, 0, 0, false));
        } catch (RuntimeException e) { // e.g. a non-finite likelihood: fall back to the random walk
            fit = null;
        }
        return new LevelMember(y, fit != null && Double.isFinite(fit.loglik()) ? fit : null);
    }

    /** Forecasts from each origin (rows) and, last row, from the end of the series. */
    double[][] forecasts(int[] origins, int horizon) {
        double[][] f = new double[origins.length + 1][horizon];
        for (int i = 0; i < origins.length; i++) {
            Arrays.fill(f[i], oneStep[origins[i] + 1]);
        }
        f[origins.length] = forecast(horizon);
        return f;
    }

    double[] forecast(int h) {
        if (fit != null) {
            return fit.forecast(h)[0];
        }
        double[] f = new double[h];
        Arrays.fill(f, y[y.length - 1]);
        return f;
    }

    double[] se(int h) {
        if (fit != null) {
            return fit.forecast(h)[1];
        }
        double[] se = new double[h];
        for (int i = 0; i < h; i++) {
            se[i] = Math.sqrt(sigma2() * (i + 1));
        }
        return se;
    }

    /** The result reporting this model (order with the given period, 0 for none) and the given forecasts. */
    ForecastResult result(String name, int period, double[] forecast, double[] se) {
        ArimaOrder order = new ArimaOrder(0, 1, fit != null ? 1 : 0, 0, 0, 0, period, false);
        Coefficients coef = new Coefficients(new double[0], fit != null ? new double[] {theta} : new double[0],
                new double[0], new double[0], null);
        return new ForecastResult(name, order, coef, sigma2(), loglik(), aic(), forecast, se);
    }

    private double sigma2() {
        if (fit != null) {
            return fit.sigma2();
        }
        double s = 0;
        for (int t = 1; t < y.length; t++) {
            s += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
        }
        return s / (y.length - 1);
    }

    private double loglik() {
        return fit != null ? fit.loglik() : -0.5 * (y.length - 1) * (Math.log(2 * Math.PI * sigma2()) + 1);
    }

    private double aic() {
        return fit != null ? fit.aic() : -2 * loglik() + 2;
    }
}
