package org.sharercloud.forecast.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Coefficients;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.forecast.internal.arima.ArimaFit;
import org.sharercloud.forecast.internal.arima.ArimaFitter;
import org.sharercloud.forecast.internal.arima.ArimaSpec;
import org.sharercloud.forecast.internal.arima.FitBudget;
import org.sharercloud.forecast.internal.arima.Differencing;
import org.sharercloud.forecast.internal.auto.AutoArima;
import org.sharercloud.forecast.internal.combo.AutoCombination;
import org.sharercloud.forecast.internal.series.SeriesChecks;

import java.util.Arrays;

/**
 * Seasonal ARIMA with R's {@code stats::arima} estimation (CSS then exact ML), or an automatic
 * order (auto-ARIMA style stepwise AICc search) when the order is null or has AUTO components. A fully
 * automatic order on a long series (1,000+ points without a period, or three seasons of a period above
 * 12 such as 288 five-minute steps a day) gets the {@link AutoCombination} instead.
 */
@Component(service = {Forecaster.class, SharerModule.class}, property = {Forecaster.NAME + "=" + ArimaForecaster.NAME, SharerModule.MODULE + "=forecast"})
public class ArimaForecaster implements Forecaster, SharerModule {
    static final String NAME = "arima";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
        SeriesChecks.horizon(horizon);
        ArimaOrder o = order == null ? ArimaOrder.auto(0) : order;
        SeriesChecks.order(o, true);
        if (!o.isAutomatic()) {
            FitBudget.checkState(ArimaSpec.of(o));
        }
        return FitBudget.within(FitBudget.CPU_SECONDS, () -> fitAndForecast(values, o, horizon));
    }

    private static ForecastResult fitAndForecast(double[] values, ArimaOrder o, int horizon) {
        if (o.isAutomatic() && AutoCombination.applies(checkedAuto(values), o, horizon)) {
            return AutoCombination.forecast(NAME, values, o.period(), horizon);
        }
        ArimaFit fit = o.isAutomatic() ? AutoArima.select(checkedAuto(values), o) : ArimaFitter.fitGiven(values, ArimaSpec.of(o));
        return toResult(fit, horizon);
    }

    private static double[] checkedAuto(double[] values) {
        SeriesChecks.values(values, AutoArima.MIN_LENGTH, "automatic ARIMA");
        if (Differencing.isConstant(values)) {
            throw ApiException.badRequest("values", "the series is constant; ARIMA needs variance (use the naive forecaster)");
        }
        return values;
    }

    static ForecastResult toResult(ArimaFit fit, int horizon) {
        ArimaSpec s = fit.spec();
        double[] c = fit.coef();
        int i = 0;
        double[] ar = Arrays.copyOfRange(c, i, i += s.p());
        double[] ma = Arrays.copyOfRange(c, i, i += s.q());
        double[] sar = Arrays.copyOfRange(c, i, i += s.sp());
        double[] sma = Arrays.copyOfRange(c, i, i += s.sq());
        Double intercept = s.mean() ? c[i] : null;
        double[][] fc = fit.forecast(horizon);
        return new ForecastResult(NAME, s.toOrder(), new Coefficients(ar, ma, sar, sma, intercept), fit.sigma2(),
                fit.loglik(), fit.aic(), fc[0], fc[1]);
    }
}
