package org.sharercloud.benchmarks.forecast;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.forecast.internal.ArimaForecaster;
import org.sharercloud.forecast.internal.NaiveForecaster;
import org.sharercloud.forecast.internal.SeasonalNaiveForecaster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Rolling-origin accuracy of 1-hour-ahead (12-step) forecasts of Bitbrains VM CPU, against R's
 * AIC-chosen ARIMA ({@code benchmarks/r/vm_cpu_arima.R}, whose recorded output this reads). Protocol
 * {@code sparse}: 24 origins a VM, o = 2016 + 259k; {@code dense}: every o = 2016 + 97k that leaves 12
 * points (about 64 a VM). Each forecast sees only the 2,016 points before o (7 days) and is scored on the
 * 12 after it. VMs 1-42 (the first 40) were used to design the model; VMs 43-84 (the other 40) are held out. The forecasters are called exactly as {@code POST /api/v1/forecasts} calls
 * them. A window whose values are all equal gets the naive forecast for every model (the API answers
 * 400 there, as R's arima fails).
 * <p>
 * Metrics: RMSE over all errors of a set; RMSSE (each origin's errors divided by the RMS one-step
 * change of its own history, the M5 scaling, then RMS per VM and the mean over VMs), which weighs
 * VMs equally whatever their CPU scale; VMs whose RMSSE beats R's; median CPU per forecast.
 * Run from the repository root:
 * {@code java -cp benchmarks/target/sharer-benchmarks.jar org.sharercloud.benchmarks.forecast.VmCpuAccuracy [tuning|heldout|all] [sparse|dense] [model-regex]}
 */
public final class VmCpuAccuracy {
    static final int HISTORY = 2016;
    static final int HORIZON = 12;
    static final int ORIGINS = 24;
    static final int SPACING = 259;
    static final int DENSE_SPACING = 97;
    static final int LAST_TUNING_VM = 42;

    interface Model {
        double[] forecast(int vm, int origin, double[] history);
    }

    private VmCpuAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        String set = args.length > 0 ? args[0] : "heldout";
        boolean dense = args.length > 1 && args[1].equals("dense");
        String only = args.length > 2 ? args[2] : ".*";
        Map<Integer, double[]> series = readSeries(Path.of("data/forecast/bitbrains-rnd-2013-7-cpu.csv.gz"));
        Map<String, double[]> r = readR(Path.of(dense ? "benchmarks/r/vm_cpu_arima_forecasts_dense.csv.gz"
                : "benchmarks/r/vm_cpu_arima_forecasts.csv.gz"));
        Map<String, Model> models = new LinkedHashMap<>();
        models.put("R arima, AIC over p<=3 d<=1 q<=2", (vm, o, y) -> r.get(vm + "/" + o));
        models.put("naive", api(new NaiveForecaster(), null));
        models.put("seasonal naive (288)", api(new SeasonalNaiveForecaster(), ArimaOrder.auto(288)));
        models.put("arima ARIMA(0,1,1) (= SES)", api(new ArimaForecaster(), ArimaOrder.of(0, 1, 1)));
        models.put("arima stepwise ARIMA search (p, d, q automatic, no seasonal part)", api(new ArimaForecaster(),
                new ArimaOrder(ArimaOrder.AUTO, ArimaOrder.AUTO, ArimaOrder.AUTO, 0, 0, 0, 0, true)));
        models.put("arima model auto, no period", api(new ArimaForecaster(), null));
        models.put("arima model auto, period 288", api(new ArimaForecaster(), ArimaOrder.auto(288)));
        Score ref = null;
        System.out.printf("| %s, %s origins | RMSE | vs R | RMSE h=12 | vs R | RMSSE | vs R | VMs better than R | CPU/forecast median (p90) |%n", set, dense ? "dense" : "sparse");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Model> m : models.entrySet()) {
            if (ref != null && !m.getKey().matches(only)) {
                continue;
            }
            Score s = score(series, m.getValue(), set, r, dense);
            if (ref == null) {
                ref = s;
            }
            System.out.printf("| %s | %.4f | %.3f | %.4f | %.3f | %.4f | %.3f | %d/%d | %.2f (%.2f) ms |%n", m.getKey(), s.rmse(), s.rmse() / ref.rmse(),
                    s.rmse12(), s.rmse12() / ref.rmse12(), s.rmsse(), s.rmsse() / ref.rmsse(), s.wins(), s.vms(), s.cpuMedian(), s.cpuP90());
        }
    }

    static Model api(Forecaster f, ArimaOrder order) {
        return (vm, o, y) -> f.forecast(y, order, HORIZON).forecast();
    }

    record Score(double rmse, double rmse12, double rmsse, int wins, int vms, double cpuMedian, double cpuP90) {
    }

    static boolean inSet(int vm, String set) {
        return set.equals("all") || (vm <= LAST_TUNING_VM) == set.equals("tuning");
    }

    static Score score(Map<Integer, double[]> series, Model model, String set, Map<String, double[]> r, boolean dense) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sse = 0;
        double sse12 = 0;
        int count = 0;
        int origins = 0;
        double rmsseSum = 0;
        int vms = 0;
        int wins = 0;
        List<Double> cpu = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : series.entrySet()) {
            if (!inSet(e.getKey(), set)) {
                continue;
            }
            double[] x = e.getValue();
            double scaled = 0;
            double scaledR = 0;
            int scaledCount = 0;
            for (int k = 0; k < (dense ? Integer.MAX_VALUE : ORIGINS); k++) {
                int o = HISTORY + (dense ? DENSE_SPACING : SPACING) * k;
                if (o + HORIZON > x.length) {
                    break;
                }
                double[] y = Arrays.copyOfRange(x, o - HISTORY, o);
                long c0 = mx.getCurrentThreadCpuTime();
                double[] f;
                try {
                    f = model.forecast(e.getKey(), o, y);
                } catch (ApiException ex) { // a constant window: the client falls back to the naive forecast
                    f = new double[HORIZON];
                    Arrays.fill(f, y[HISTORY - 1]);
                }
                cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e6);
                double[] fr = r.get(e.getKey() + "/" + o);
                double scale = oneStepRms(y);
                for (int h = 0; h < HORIZON; h++) {
                    double err = f[h] - x[o + h];
                    sse += err * err;
                    count++;
                    if (h == HORIZON - 1) {
                        sse12 += err * err;
                    }
                    if (scale > 0) {
                        double errR = fr[h] - x[o + h];
                        scaled += err * err / (scale * scale);
                        scaledR += errR * errR / (scale * scale);
                        scaledCount++;
                    }
                }
                origins++;
            }
            if (scaledCount > 0) {
                rmsseSum += Math.sqrt(scaled / scaledCount);
                vms++;
                wins += scaled < scaledR ? 1 : 0;
            }
        }
        cpu.sort(null);
        return new Score(Math.sqrt(sse / count), Math.sqrt(sse12 / origins), rmsseSum / vms, wins, vms,
                cpu.get(cpu.size() / 2), cpu.get((int) (cpu.size() * 0.9)));
    }

    static double oneStepRms(double[] y) {
        double s = 0;
        for (int t = 1; t < y.length; t++) {
            s += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
        }
        return Math.sqrt(s / (y.length - 1));
    }

    static Map<Integer, double[]> readSeries(Path file) throws IOException {
        Map<Integer, List<Double>> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            int comma = line.indexOf(',');
            values.computeIfAbsent(Integer.parseInt(line.substring(0, comma)), k -> new ArrayList<>())
                    .add(Double.parseDouble(line.substring(comma + 1)));
        }
        Map<Integer, double[]> out = new LinkedHashMap<>();
        values.forEach((vm, v) -> out.put(vm, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    static Map<String, double[]> readR(Path file) throws IOException {
        Map<String, double[]> out = new HashMap<>();
        for (String line : lines(file)) {
            String[] f = line.split(",");
            double[] fc = new double[HORIZON];
            for (int h = 0; h < HORIZON; h++) {
                fc[h] = Double.parseDouble(f[8 + h]);
            }
            out.put(f[0] + "/" + f[1], fc);
        }
        return out;
    }

    /** The lines of a gzipped CSV after its header. */
    static List<String> lines(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                java.nio.charset.StandardCharsets.UTF_8))) {
            in.readLine();
            return in.lines().toList();
        }
    }
}
