package org.sharercloud.forecast.internal;

import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Coefficients;
import org.sharercloud.api.forecast.ForecastResult;

/**
 * A random walk with lag m (m = 1: naive, m = period: seasonal naive), as forecast::naive/snaive:
 * the forecast repeats the last m values; sigma² is the mean squared lag-m difference and the
 * h-step standard error sigma·sqrt(floor((h-1)/m) + 1). Log-likelihood and AIC are those of the
 * equivalent ARIMA(0,1,0) or ARIMA(0,0,0)(0,1,0)[m] (infinite for a constant series, where sigma² = 0).
 */
final class LagWalk {
    private LagWalk() {
    }

    static ForecastResult forecast(String name, ArimaOrder order, double[] x, int lag, int horizon) {
        int n = x.length;
        int used = n - lag;
        double ssq = 0;
        for (int t = lag; t < n; t++) {
            double e = x[t] - x[t - lag];
            ssq += e * e;
        }
        double sigma2 = ssq / used;
        double loglik = -0.5 * used * (Math.log(2 * Math.PI * sigma2) + 1);
        double[] fc = new double[horizon];
        double[] se = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            fc[h - 1] = x[n - lag + (h - 1) % lag];
            se[h - 1] = Math.sqrt(sigma2 * ((h - 1) / lag + 1));
        }
        Coefficients none = new Coefficients(new double[0], new double[0], new double[0], new double[0], null);
        return new ForecastResult(name, order, none, sigma2, loglik, -2 * loglik + 2, fc, se);
    }
}
