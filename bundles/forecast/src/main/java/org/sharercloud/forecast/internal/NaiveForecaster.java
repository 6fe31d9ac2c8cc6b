package org.sharercloud.forecast.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.forecast.internal.series.SeriesChecks;

/** The naive baseline: every forecast is the last value (a random walk, ARIMA(0,1,0)); the order is ignored. */
@Component(service = Forecaster.class, property = Forecaster.NAME + "=" + NaiveForecaster.NAME)
public class NaiveForecaster implements Forecaster {
    static final String NAME = "naive";
    private static final ArimaOrder ORDER = new ArimaOrder(0, 1, 0, 0, 0, 0, 0, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
        SeriesChecks.horizon(horizon);
        SeriesChecks.values(values, 2, "the naive forecaster");
        return LagWalk.forecast(NAME, ORDER, values, 1, horizon);
    }
}
