package org.sharercloud.scheduler.internal.autoscale;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Locale;
import java.util.Random;

import org.junit.Test;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.forecast.internal.ArimaForecaster;
import org.sharercloud.forecast.internal.SeasonalNaiveForecaster;

/**
 * Replays a periodic load (a sine with a period of 24 intervals plus noise; each replica serves one
 * core) through the reactive and the predictive autoscaler with the real forecasters, and measures
 * the utilisation per replica in every interval with the replicas in place then (decided at the end
 * of the previous interval). Reactive lags on every rising edge; predictive scales before the load.
 */
public class PeriodicLoadTest {
    static final int PERIOD = 24, PERIODS = 8, WARM_UP = 3 * PERIOD, TARGET = 70;
    static final double TOLERANCE = 0.05;

    /** Violations (intervals over target after warm-up), max utilisation and replica-intervals used. */
    record Run(int violations, int intervals, double maxUtilisation, long replicaIntervals, int decisions) {
        double fraction() {
            return violations / (double) intervals;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d/%d intervals over target (%.1f%%), max utilisation %.1f%%, %d replica-intervals",
                    violations, intervals, 100 * fraction(), 100 * maxUtilisation, replicaIntervals);
        }
    }

    static double[] load(long seed, double noise, int periods) {
        Random r = new Random(seed);
        double[] d = new double[PERIOD * periods];
        for (int t = 0; t < d.length; t++) {
            d[t] = 5 + 3 * Math.sin(2 * Math.PI * t / PERIOD) + noise * r.nextGaussian();
        }
        return d;
    }

    static Run replay(double[] demand, AutoscalePolicy policy, Forecaster forecaster, int seasonPeriod, int history) {
        Autoscaler a = new Autoscaler(3, history, seasonPeriod, 1.0);
        int replicas = policy.minReplicas();
        int violations = 0, counted = 0, decisions = 0;
        double max = 0;
        long used = 0;
        for (int t = 0; t < demand.length; t++) {
            double utilisation = demand[t] / replicas;
            if (t >= WARM_UP) {
                counted++;
                used += replicas;
                max = Math.max(max, utilisation);
                if (utilisation > TARGET / 100.0 + 1e-9) {
                    violations++;
                }
            }
            Decision d = a.observe(demand[t], replicas, policy, forecaster);
            assertTrue("within bounds: " + d, d.replicas() >= policy.minReplicas() && d.replicas() <= policy.maxReplicas());
            decisions += d.replicas() != replicas ? 1 : 0;
            replicas = d.replicas();
        }
        return new Run(violations, counted, max, used, decisions);
    }

    private static void assertPredictiveBeatsReactive(String what, Run reactive, Run predictive) {
        System.out.println(what + ": reactive " + reactive + "; predictive " + predictive);
        assertTrue(what + ": reactive lags in a meaningful share of intervals: " + reactive, reactive.fraction() >= 0.15);
        assertTrue(what + ": predictive has at most a quarter of reactive's violations: " + predictive + " vs " + reactive,
                predictive.violations() * 4 <= reactive.violations());
        assertTrue(what + ": predictive stays under target + " + TOLERANCE + ": " + predictive,
                predictive.maxUtilisation() <= TARGET / 100.0 + TOLERANCE);
        assertTrue(what + ": reactive overshoots the target: " + reactive, reactive.maxUtilisation() > TARGET / 100.0 + TOLERANCE);
    }

    @Test
    public void seasonalNaiveForecastKeepsUtilisationUnderTargetWhereReactiveLags() {
        double[] demand = load(42, 0.1, PERIODS);
        Forecaster f = new SeasonalNaiveForecaster();
        Run reactive = replay(demand, AutoscalePolicy.reactive(1, 20, TARGET), f, 0, 10 * PERIOD);
        Run predictive = replay(demand, AutoscalePolicy.predictive(1, 20, TARGET), f, 0, 10 * PERIOD);
        assertPredictiveBeatsReactive("seasonal-naive, period detected", reactive, predictive);
    }

    @Test
    public void arimaForecastKeepsUtilisationUnderTargetWhereReactiveLags() {
        double[] demand = load(7, 0.1, 6); // ARIMA fits take tens of ms each: fewer periods, a shorter history
        Forecaster f = new ArimaForecaster();
        Run reactive = replay(demand, AutoscalePolicy.reactive(1, 20, TARGET), f, PERIOD, 2 * PERIOD + 12);
        Run predictive = replay(demand, AutoscalePolicy.predictive(1, 20, TARGET), f, PERIOD, 2 * PERIOD + 12);
        assertPredictiveBeatsReactive("arima, period configured", reactive, predictive);
    }

    @Test
    public void seasonIsDetectedFromTheHistory() {
        double[] demand = load(3, 0.1, 3);
        assertEquals(PERIOD, SeasonDetector.detect(demand));
        double[] flat = new double[60];
        java.util.Arrays.fill(flat, 2.0);
        assertEquals(0, SeasonDetector.detect(flat));
        double[] ramp = new double[60];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        assertEquals("a trend is no season", 0, SeasonDetector.detect(ramp));
    }
}
