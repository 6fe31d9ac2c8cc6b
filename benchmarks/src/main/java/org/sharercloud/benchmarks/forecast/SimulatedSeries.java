package org.sharercloud.benchmarks.forecast;

import java.util.Random;

/**
 * The deterministic ARIMA(2,1,1) series the forecast benchmarks fit: phi = (0.5, -0.3), theta = 0.4,
 * unit Gaussian innovations from {@code new Random(42)}, 200 burn-in steps, then integrated from 100.
 * {@code main} prints it one value a line so R can time {@code arima()} on the same data.
 */
public final class SimulatedSeries {
    private SimulatedSeries() {
    }

    public static double[] arima211(int n) {
        Random rnd = new Random(42);
        int burn = 200;
        double[] w = new double[n + burn];
        double prevE = 0;
        for (int t = 0; t < w.length; t++) {
            double e = rnd.nextGaussian();
            double ar = (t > 0 ? 0.5 * w[t - 1] : 0) + (t > 1 ? -0.3 * w[t - 2] : 0);
            w[t] = ar + e + 0.4 * prevE;
            prevE = e;
        }
        double[] x = new double[n];
        double level = 100;
        for (int t = 0; t < n; t++) {
            level += w[t + burn];
            x[t] = level;
        }
        return x;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        StringBuilder sb = new StringBuilder();
        for (double v : arima211(n)) {
            sb.append(v).append('\n');
        }
        System.out.print(sb);
    }
}
