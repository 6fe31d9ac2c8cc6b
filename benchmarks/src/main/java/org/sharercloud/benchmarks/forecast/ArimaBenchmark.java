package org.sharercloud.benchmarks.forecast;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.forecast.internal.ArimaForecaster;

import java.util.concurrent.TimeUnit;

/**
 * Fit + forecast cost of the {@code arima} forecaster on 1,000 simulated points
 * (see {@link SimulatedSeries}); compare with R's {@code arima(x, order = c(2,1,1))} on the same data.
 * Run from the repository root: {@code java -jar benchmarks/target/sharer-benchmarks.jar 'Arima.*' -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ArimaBenchmark {
    private final ArimaForecaster forecaster = new ArimaForecaster();
    private double[] series;
    private double[] seasonal;
    private double[] vmCpu;

    @Setup
    public void setUp() {
        series = SimulatedSeries.arima211(1000);
        seasonal = SimulatedSeries.arima211(240);
        for (int t = 0; t < seasonal.length; t++) {
            seasonal[t] += 10 * Math.sin(2 * Math.PI * t / 24);
        }
        try { // VM 1's first 2,016 five-minute CPU values (run from the repository root)
            vmCpu = java.util.Arrays.copyOf(VmCpuAccuracy.readSeries(java.nio.file.Path.of("data/forecast/bitbrains-rnd-2013-7-cpu.csv.gz")).get(1), 2016);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code model: auto, period: 288} on 7 days of 5-minute VM CPU, 12 steps (1 hour) ahead. */
    @Benchmark
    public ForecastResult autoVmCpuDaily() {
        return forecaster.forecast(vmCpu, ArimaOrder.auto(288), 12);
    }

    /** {@code model: auto} without a period on the same series (the stepwise ARIMA search). */
    @Benchmark
    public ForecastResult autoVmCpuNoPeriod() {
        return forecaster.forecast(vmCpu, null, 12);
    }

    /** ARIMA(2,1,1) fitted to 1,000 points (CSS then exact ML), then 24 steps forecast. */
    @Benchmark
    public ForecastResult fitArima211() {
        return forecaster.forecast(series, ArimaOrder.of(2, 1, 1), 24);
    }

    /** The automatic stepwise search on 240 hourly points with a daily period (24). */
    @Benchmark
    public ForecastResult autoArimaSeasonal() {
        return forecaster.forecast(seasonal, ArimaOrder.auto(24), 24);
    }
}
