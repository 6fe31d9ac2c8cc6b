package org.sharercloud.api.forecast;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Fits a model to a series and forecasts it. Each forecaster is a service with a {@link #NAME}
 * property ({@code arima}, {@code naive}, {@code seasonal-naive}, …).
 */
@ConsumerType
public interface Forecaster {
    /** Service property: the forecaster's name. */
    String NAME = "name";

    String name();

    /**
     * Fits and forecasts {@code horizon} steps.
     *
     * @param values  the series, oldest first
     * @param order   the model to fit, or {@code null} to choose one automatically
     * @param horizon steps ahead, at least 1
     * @throws org.sharercloud.api.ApiException 400 when the series cannot support the model (too short,
     *                                          NaN, constant where variance is needed)
     */
    ForecastResult forecast(double[] values, ArimaOrder order, int horizon);
}
