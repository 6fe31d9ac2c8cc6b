package org.sharercloud.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.scheduler.internal.strategy.ForecastStrategyTest.candidate;

import java.util.Map;

import org.junit.Test;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategyTest.History;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategyTest.MeanForecaster;

/** The forecast strategy's DS component (moved here from ForecastStrategyTest with the component). */
public class ForecastStrategyComponentTest {
    @Test
    public void componentUsesConfiguredForecasterThenArimaThenAnyAndRefreshesInBackground() throws Exception {
        ForecastStrategyComponent comp = new ForecastStrategyComponent(TestConfig.of("forecast", "seasonal-naive"));
        try {
            assertNull(comp.chooseForecaster());
            MeanForecaster naive = new MeanForecaster();
            MeanForecaster arima = new MeanForecaster();
            comp.addForecaster(naive, Map.of(Forecaster.NAME, "naive"));
            assertSame(naive, comp.chooseForecaster());
            comp.addForecaster(arima, Map.of(Forecaster.NAME, "arima"));
            assertSame(arima, comp.chooseForecaster());
            comp.setHistory(new History());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (comp.cache().size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("background refresh filled the cache within 5 s", 3, comp.cache().size());
            assertTrue(arima.calls.get() > 0);
            assertTrue(comp.score(new Demand("w", 1000, 100, 0, 7200), candidate("steady"))
                    > comp.score(new Demand("w", 1000, 100, 0, 7200), candidate("flaky")));
        } finally {
            comp.deactivate();
        }
    }
}
