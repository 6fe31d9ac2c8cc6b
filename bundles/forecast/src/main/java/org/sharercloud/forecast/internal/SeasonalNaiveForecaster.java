package org.sharercloud.forecast.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.forecast.internal.series.SeriesChecks;

/**
 * The seasonal naive baseline: each forecast is the value one season earlier, ARIMA(0,0,0)(0,1,0)[m].
 * Only the order's period m is used; it must be at least 2.
 */
@Component(service = Forecaster.class, property = Forecaster.NAME + "=" + SeasonalNaiveForecaster.NAME)
public class SeasonalNaiveForecaster implements Forecaster {
    static final String NAME = "seasonal-naive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
        SeriesChecks.horizon(horizon);
        if (order == null || !order.isSeasonal() || order.period() > SeriesChecks.MAX_PERIOD) {
            throw ApiException.badRequest("model", "seasonal-naive needs a seasonal period between 2 and "
                    + SeriesChecks.MAX_PERIOD + " (model.period)");
        }
        int m = order.period();
        SeriesChecks.values(values, m + 1, "the seasonal naive forecaster with period " + m);
        return LagWalk.forecast(NAME, new ArimaOrder(0, 0, 0, 0, 1, 0, m, false), values, m, horizon);
    }
}
