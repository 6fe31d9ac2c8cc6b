package org.sharercloud.forecast.internal.arima;

/**
 * h-step forecasts from the filtered state (R's {@code KalmanForecast}): a ← T a, P ← T P T' + R R';
 * forecast Z a, variance Z P Z' (in units of sigma²).
 */
public final class KalmanForecast {
    private KalmanForecast() {
    }

    /** @return {forecasts, variances / sigma2} */
    public static double[][] forecast(StateSpace model, double[] filteredState, double[][] filteredCov, int h) {
        int rd = model.rd;
        double[] a = filteredState.clone();
        double[] anew = new double[rd];
        double[][] pm = new double[rd][];
        for (int i = 0; i < rd; i++) {
            pm[i] = filteredCov[i].clone();
        }
        double[][] pnew = new double[rd][rd];
        double[][] work = new double[rd][rd];
        double[] zp = new double[rd];
        double[] fc = new double[h];
        double[] var = new double[h];
        for (int l = 0; l < h; l++) {
            model.predictState(a, anew);
            double[] t = a;
            a = anew;
            anew = t;
            fc[l] = model.observe(a);
            model.predictCovariance(pm, work, pnew);
            double[][] tp = pm;
            pm = pnew;
            pnew = tp;
            for (int i = 0; i < rd; i++) {
                zp[i] = model.observe(pm[i]);
            }
            var[l] = model.observe(zp);
        }
        return new double[][] {fc, var};
    }
}
