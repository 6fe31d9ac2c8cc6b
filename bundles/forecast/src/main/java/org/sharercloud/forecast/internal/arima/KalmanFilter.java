package org.sharercloud.forecast.internal.arima;

/**
 * Exact Gaussian likelihood of an ARIMA model by the Kalman filter, as R's {@code ARIMA_Like}:
 * observations whose prediction variance is 1e4 or more (the diffuse start of differenced models)
 * do not count. Afterwards {@link #state()} and {@link #covariance()} hold the filtered state at the
 * last observation, the starting point for {@link KalmanForecast}.
 */
public final class KalmanFilter {
    /** Below this filtered covariance the filter has reached its steady state. */
    static final double STEADY_TOL = 1e-12;

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
        boolean steady = false;
        for (int l = 0; l < y.length; l++) {
            if ((l & 255) == 255) {
                FitBudget.check();
            }
            if (steady) {
                steadyStep(y[l], anew);
                continue;
            }
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
            steady = maxDiagonal(pm) < STEADY_TOL;
        }
        return this;
    }

    /**
     * Once the filtered covariance of an invertible model has vanished (differencing states included:
     * they are then determined by the past observations), the state is known and every later step has
     * gain R = (1, theta, 0…) and innovation variance 1: a ← T a + R (y - Z T a), an O(r + d) step
     * (R's arima0 does the same switch to "fast recursions").
     */
    private void steadyStep(double y, double[] anew) {
        model.predictState(a, anew);
        double resid = y - model.observe(anew);
        nu++;
        ssq += resid * resid;
        a[0] = anew[0] + resid;
        double[] theta = model.theta;
        for (int i = 1; i < model.r; i++) {
            a[i] = anew[i] + (i - 1 < theta.length ? theta[i - 1] * resid : 0.0);
        }
        System.arraycopy(anew, model.r, a, model.r, model.rd - model.r);
    }

    /** P is positive semi-definite, so its largest diagonal entry bounds every entry. */
    private static double maxDiagonal(double[][] m) {
        double max = 0;
        for (int i = 0; i < m.length; i++) {
            max = Math.max(max, Math.abs(m[i][i]));
        }
        return max;
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
