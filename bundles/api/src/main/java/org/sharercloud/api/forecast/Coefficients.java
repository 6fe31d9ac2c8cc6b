package org.sharercloud.api.forecast;

/**
 * Fitted coefficients in R's {@code stats::arima} parametrisation: MA terms enter with a plus
 * sign and {@code intercept} is the series mean (null when the model has none).
 */
public record Coefficients(double[] ar, double[] ma, double[] sar, double[] sma, Double intercept) {
}
