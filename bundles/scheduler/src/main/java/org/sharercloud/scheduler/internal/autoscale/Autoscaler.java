package org.sharercloud.scheduler.internal.autoscale;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.workloads.AutoscalePolicy;

/**
 * The scaling decision for one service, one interval at a time (no OSGi, no clock). Demand is in
 * replicas' worth of CPU: the total CPU used divided by one replica's request, so the utilisation per
 * replica is {@code demand / replicas} and the target {@code targetCpuPercent / 100}.
 *
 * <p>Reactive: {@code ceil(demand / target)}. Predictive: also {@code ceil((forecast + margin × se) / target)}
 * for the next interval, from the history with the forecaster (seasonal period configured or detected),
 * whichever is larger; without enough history or when the fit fails it is reactive alone. Both are
 * clamped into the policy's bounds. Scaling up is immediate; scaling down takes the highest
 * recommendation of the last {@code downWindow} intervals, so a dip does not make it flap.
 */
public final class Autoscaler {
    private final int downWindow;
    private final int maxHistory;
    private final int seasonPeriod;
    private final double marginSigmas;
    private final Deque<Double> history = new ArrayDeque<>();
    private final Deque<Integer> recommendations = new ArrayDeque<>();

    /**
     * @param downWindow   intervals a lower recommendation must last before scaling down (at least 1)
     * @param maxHistory   demand intervals kept for forecasting
     * @param seasonPeriod the load's period in intervals; 0 detects it from the history
     * @param marginSigmas forecast standard errors added to the forecast as a safety margin
     */
    public Autoscaler(int downWindow, int maxHistory, int seasonPeriod, double marginSigmas) {
        this.downWindow = Math.max(1, downWindow);
        this.maxHistory = Math.max(8, maxHistory);
        this.seasonPeriod = Math.max(0, seasonPeriod);
        this.marginSigmas = Math.max(0, marginSigmas);
    }

    /**
     * Records the demand observed over the interval just ended and decides the replicas for the next.
     *
     * @param demand     observed demand in replicas' worth of CPU (not negative)
     * @param current    replicas the service has now
     * @param policy     its policy with defaults filled in
     * @param forecaster used when the policy is predictive; null: reactive only
     */
    public Decision observe(double demand, int current, AutoscalePolicy policy, Forecaster forecaster) {
        double d = Double.isFinite(demand) ? Math.max(0, demand) : 0;
        history.addLast(d);
        while (history.size() > maxHistory) {
            history.removeFirst();
        }
        double target = policy.targetCpuPercent() / 100.0;
        int reactive = clamp(need(d, target), policy);
        int wanted = reactive;
        String why = String.format(Locale.ROOT, "reactive: demand %.2f replica(s) at target %d%% needs %d", d,
                policy.targetCpuPercent(), reactive);
        if (policy.isPredictive() && forecaster != null) {
            double[] f = forecast(forecaster);
            if (f != null) {
                double ahead = Math.max(0, f[0] + marginSigmas * f[1]);
                int predicted = clamp(need(ahead, target), policy);
                if (predicted > reactive) {
                    wanted = predicted;
                    why = String.format(Locale.ROOT, "predictive: next interval forecast %.2f + %.2f margin (%s, period %d) needs %d; %s",
                            f[0], ahead - f[0], forecaster.name(), (int) f[2], predicted, why);
                } else {
                    why = why + String.format(Locale.ROOT, " (forecast %.2f needs %d)", f[0], predicted);
                }
            } else {
                why = why + " (no forecast yet)";
            }
        }
        recommendations.addLast(wanted);
        while (recommendations.size() > downWindow) {
            recommendations.removeFirst();
        }
        if (wanted >= current) {
            return new Decision(wanted, why);
        }
        int highest = recommendations.stream().mapToInt(Integer::intValue).max().orElse(wanted);
        int next = Math.min(current, Math.max(wanted, highest));
        if (next < current) {
            why = why + "; lower for " + downWindow + " interval(s)";
        }
        return new Decision(next, why);
    }

    /** Forecast of the next interval {mean, se, period}, or null (too little history, or the fit failed). */
    double[] forecast(Forecaster forecaster) {
        double[] x = history.stream().mapToDouble(Double::doubleValue).toArray();
        int period = seasonPeriod > 1 ? seasonPeriod : SeasonDetector.detect(x);
        if (period < 2 || x.length < 2 * period + 1) {
            return null;
        }
        try {
            ForecastResult r = forecaster.forecast(x, order(period), 1);
            double mean = r.forecast()[0];
            double se = r.se() != null && r.se().length > 0 && Double.isFinite(r.se()[0]) ? r.se()[0] : 0;
            return Double.isFinite(mean) ? new double[] {mean, se, period} : null;
        } catch (RuntimeException e) {
            return null; // a series the model cannot fit: reactive this time
        }
    }

    /**
     * The model asked for: one seasonal difference and an automatic short-term ARMA part, without a
     * mean: ARIMA(p,0,q)(0,1,0)[period]. A full automatic seasonal search costs seconds per fit on a few
     * hundred points; this one tens of milliseconds. Baselines use only the period.
     */
    static ArimaOrder order(int period) {
        return new ArimaOrder(ArimaOrder.AUTO, 0, ArimaOrder.AUTO, 0, 1, 0, period, false);
    }

    /** Intervals of demand kept. */
    public int historySize() {
        return history.size();
    }

    static int need(double demand, double target) {
        return (int) Math.ceil(demand / target - 1e-9);
    }

    private static int clamp(int n, AutoscalePolicy p) {
        return Math.max(p.minReplicas(), Math.min(p.maxReplicas(), n));
    }
}
