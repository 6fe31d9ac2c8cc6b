package org.sharercloud.benchmarks.forecast;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.forecast.internal.ArimaForecaster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CPU time (not wall time) of forecasts, for a machine shared with other jobs.
 * <ul>
 * <li>no argument or {@code arima211}: 10 rounds of 100 ARIMA(2,1,1) fits (+ 24-step forecast) on the
 * benchmark series after 10 s of warm-up fits, comparable with the "user" time of R's
 * {@code system.time(for (i in 1:100) arima(x, order = c(2,1,1)))};</li>
 * <li>{@code auto288} / {@code auto}: {@code model: auto} with / without {@code period: 288} on every
 * 2,016-point window of {@link VmCpuAccuracy} (80 VMs × 24 origins, 12 steps ahead): a warm-up pass
 * over every 8th window, then every request's CPU time (median, p90, mean).</li>
 * </ul>
 * Run from the repository root: {@code java -cp benchmarks/target/sharer-benchmarks.jar
 * org.sharercloud.benchmarks.forecast.ArimaCpuTime [arima211|auto288|auto]}
 */
public final class ArimaCpuTime {
    private ArimaCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "arima211";
        if (mode.equals("arima211")) {
            arima211();
        } else {
            auto(mode.equals("auto288") ? ArimaOrder.auto(288) : null);
        }
    }

    static void arima211() {
        double[] x = SimulatedSeries.arima211(1000);
        ArimaForecaster forecaster = new ArimaForecaster();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + 10_000_000_000L; // JIT warm-up: 10 s (C2 is slow to finish on a busy machine)
        while (System.nanoTime() < warmUntil) {
            forecaster.forecast(x, ArimaOrder.of(2, 1, 1), 24);
        }
        double[] perFit = new double[10];
        ForecastResult r = null;
        for (int round = 0; round < perFit.length; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                r = forecaster.forecast(x, ArimaOrder.of(2, 1, 1), 24);
            }
            perFit[round] = (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / 100;
        }
        Arrays.sort(perFit);
        System.out.printf("ARIMA(2,1,1) fit + forecast, CPU ms per fit over 10 rounds of 100: min %.3f median %.3f max %.3f; "
                + "ar=%s ma=%.4f loglik=%.3f%n", perFit[0], (perFit[4] + perFit[5]) / 2, perFit[9],
                Arrays.toString(r.coefficients().ar()), r.coefficients().ma()[0], r.loglik());
    }

    private static void forecast(ArimaForecaster forecaster, double[] y, ArimaOrder order) {
        try {
            forecaster.forecast(y, order, VmCpuAccuracy.HORIZON);
        } catch (ApiException e) { // a constant window: 400, as the API answers
        }
    }

    static void auto(ArimaOrder order) throws IOException {
        Map<Integer, double[]> series = VmCpuAccuracy.readSeries(Path.of("data/forecast/bitbrains-rnd-2013-7-cpu.csv.gz"));
        List<double[]> windows = new ArrayList<>();
        for (double[] x : series.values()) {
            for (int k = 0; k < VmCpuAccuracy.ORIGINS; k++) {
                int o = VmCpuAccuracy.HISTORY + VmCpuAccuracy.SPACING * k;
                windows.add(Arrays.copyOfRange(x, o - VmCpuAccuracy.HISTORY, o));
            }
        }
        ArimaForecaster forecaster = new ArimaForecaster();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < windows.size(); i += 8) { // warm-up on every 8th window
            forecast(forecaster, windows.get(i), order);
        }
        double[] ms = new double[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            forecast(forecaster, windows.get(i), order);
            ms[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        Arrays.sort(ms);
        System.out.printf("model auto%s, %d requests of 2,016 points -> 12: CPU ms median %.2f, p90 %.2f, mean %.2f, max %.2f%n",
                order == null ? "" : " period " + order.period(), ms.length, ms[ms.length / 2], ms[(int) (ms.length * 0.9)], mean, ms[ms.length - 1]);
    }
}
