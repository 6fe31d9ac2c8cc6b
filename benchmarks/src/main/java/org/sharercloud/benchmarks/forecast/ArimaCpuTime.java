package org.sharercloud.benchmarks.forecast;

import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.forecast.internal.ArimaForecaster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU time (not wall time) of 100 ARIMA(2,1,1) fits on the benchmark series, comparable with the
 * "user" time of R's {@code system.time(for (i in 1:100) arima(x, order = c(2,1,1)))} on a machine
 * shared with other jobs. Run: {@code java -cp benchmarks/target/sharer-benchmarks.jar
 * org.sharercloud.benchmarks.forecast.ArimaCpuTime}
 */
public final class ArimaCpuTime {
    private ArimaCpuTime() {
    }

    public static void main(String[] args) {
        double[] x = SimulatedSeries.arima211(1000);
        ArimaForecaster forecaster = new ArimaForecaster();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) {
            forecaster.forecast(x, ArimaOrder.of(2, 1, 1), 24);
        }
        for (int round = 0; round < 3; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            ForecastResult r = null;
            for (int i = 0; i < 100; i++) {
                r = forecaster.forecast(x, ArimaOrder.of(2, 1, 1), 24);
            }
            System.out.printf("100 fits: cpu %.3f s, wall %.3f s; ar=%s ma=%.4f loglik=%.3f%n",
                    (mx.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9,
                    Arrays.toString(r.coefficients().ar()), r.coefficients().ma()[0], r.loglik());
        }
    }
}
