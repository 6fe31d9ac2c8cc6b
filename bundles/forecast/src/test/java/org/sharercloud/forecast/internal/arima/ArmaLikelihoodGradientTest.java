package org.sharercloud.forecast.internal.arima;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

import java.util.Random;

/** The forward-mode gradient of the ML objective agrees with central differences of its value. */
public class ArmaLikelihoodGradientTest {

    @Test
    public void analyticGradientMatchesFiniteDifferences() {
        Random rnd = new Random(3);
        double[] w = new double[400];
        double e1 = 0;
        for (int t = 2; t < w.length; t++) {
            double e = rnd.nextGaussian();
            w[t] = 0.5 * w[t - 1] - 0.2 * w[t - 2] + e + 0.3 * e1 + (t % 12 < 6 ? 1 : -1);
            e1 = e;
        }
        check(w, new ArimaSpec(2, 0, 1, 0, 0, 0, 0, false), new double[] {0.4, -0.1, 0.2});
        check(w, new ArimaSpec(1, 0, 2, 0, 0, 0, 0, true), new double[] {0.3, 0.1, -0.2, 0.05});
        check(w, new ArimaSpec(0, 0, 1, 0, 0, 0, 0, false), new double[] {-0.95}); // slow to reach the steady state
        check(w, new ArimaSpec(1, 0, 1, 1, 0, 1, 12, false), new double[] {0.5, 0.2, 0.3, -0.4});
    }

    private static void check(double[] w, ArimaSpec spec, double[] coef) {
        ArmaLikelihood lik = new ArmaLikelihood(w, spec);
        double[] g = new double[coef.length];
        double f = lik.valueAndGradient(coef, g);
        assertEquals(spec + " value", lik.value(coef), f, 1e-12);
        for (int i = 0; i < coef.length; i++) {
            double h = 1e-6;
            double[] up = coef.clone();
            double[] down = coef.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (lik.value(up) - lik.value(down)) / (2 * h);
            assertEquals(spec + " d/d coef " + i, numeric, g[i], 1e-6 * Math.max(1, Math.abs(numeric)));
        }
    }

    @Test
    public void partransJacobianMatchesFiniteDifferences() {
        double[] raw = {0.8, -0.4, 0.3};
        double[][] jac = Transforms.partransJacobian(raw, 0, 3);
        for (int i = 0; i < 3; i++) {
            double h = 1e-6;
            double[] up = raw.clone();
            double[] down = raw.clone();
            up[i] += h;
            down[i] -= h;
            double[] cu = new double[3];
            double[] cd = new double[3];
            Transforms.partrans(up, 0, 3, cu);
            Transforms.partrans(down, 0, 3, cd);
            for (int c = 0; c < 3; c++) {
                assertEquals("d coef " + c + " / d raw " + i, (cu[c] - cd[c]) / (2 * h), jac[c][i], 1e-8);
            }
        }
    }
}
