package org.sharercloud.forecast.internal.arima;

/**
 * Exact Gaussian likelihood of an ARIMA model by the Kalman filter, as R's {@code ARIMA_Like}:
 * observations whose prediction variance is 1e4 or more (the diffuse start of differenced models)
 * do not count. Afterwards {@link #state()} and {@link #covariance()} hold the filtered state at the
 * last observation, the starting point for {@link KalmanForecast}.
 */
public final class KalmanFilter {
    private final StateSpace model;
    private double[] a;
    private double[][] pm;
    private double ssq;
    private double sumlog;
    private int nu;

    public KalmanFilter(StateSpace model) {
        this.model = model;
    }

    /** Runs the filter over {@code y} (no missing values) from the model's initial state. */
    public KalmanFilter run(double[] y) {
        int rd = model.rd;
        a = new double[rd];
        double[] anew = new double[rd];
        double[] m = new double[rd];
        double[][] pnew = model.initialCovariance();
        pm = new double[rd][rd];
        double[][] work = new double[rd][rd];
        ssq = 0;
        sumlog = 0;
        nu = 0;
        for (int l = 0; l < y.length; l++) {
            model.predictState(a, anew);
            if (l > 0) {
                model.predictCovariance(pm, work, pnew);
            }
            double resid = y[l] - model.observe(anew);
            for (int i = 0; i < rd; i++) {
                m[i] = model.observe(pnew[i]);
            }
            double gain = model.observe(m);
            if (gain < 1e4) {
                nu++;
                ssq += resid * resid / gain;
                sumlog += Math.log(gain);
            }
            for (int i = 0; i < rd; i++) {
                a[i] = anew[i] + m[i] * resid / gain;
            }
            for (int i = 0; i < rd; i++) {
                double[] row = pm[i];
                double[] src = pnew[i];
                double mi = m[i] / gain;
                for (int j = 0; j < rd; j++) {
                    row[j] = src[j] - mi * m[j];
                }
            }
        }
        return this;
    }

    /** Minus the concentrated log-likelihood per used observation, up to constants: 0.5 (log(ssq/nu) + sumlog/nu). */
    public double objective() {
        if (nu == 0 || !(ssq > 0) || Double.isNaN(sumlog)) {
            return Double.NaN;
        }
        return 0.5 * (Math.log(ssq / nu) + sumlog / nu);
    }

    public double ssq() {
        return ssq;
    }

    public int used() {
        return nu;
    }

    double[] state() {
        return a;
    }

    double[][] covariance() {
        return pm;
    }
}
