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

    /** The largest horizon a forecaster accepts. */
    int MAX_HORIZON = 10_000;

    String name();

    /**
     * Fits and forecasts {@code horizon} steps.
     *
     * @param values  the series, oldest first
     * @param order   the model to fit; {@code null} or components equal to {@link ArimaOrder#AUTO} are
     *                chosen automatically. Baselines use only the period ({@code seasonal-naive} needs one)
     * @param horizon steps ahead, at least 1
     * @return the fitted model (the order actually used) and forecasts with standard errors
     * @throws org.sharercloud.api.ApiException 400 with field {@code values} when the series cannot support
     *                                          the model (too short, NaN or infinite, constant where variance
     *                                          is needed), {@code model} for an invalid order, {@code horizon}
     *                                          when it is below 1 or above {@link #MAX_HORIZON}
     */
    ForecastResult forecast(double[] values, ArimaOrder order, int horizon);
}
