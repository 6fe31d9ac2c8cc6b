package org.sharercloud.api.forecast;

/**
 * A fitted model and its h-step forecast.
 *
 * @param forecaster   name of the forecaster that produced it
 * @param order        the order fitted (chosen automatically or given)
 * @param coefficients fitted coefficients (empty arrays for baselines)
 * @param sigma2       innovation variance
 * @param loglik       Gaussian log-likelihood
 * @param aic          Akaike information criterion
 * @param forecast     point forecasts for steps 1..h
 * @param se           standard errors of those forecasts
 */
public record ForecastResult(String forecaster, ArimaOrder order, Coefficients coefficients, double sigma2,
        double loglik, double aic, double[] forecast, double[] se) {
}
