package org.sharercloud.forecast.internal.auto;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.forecast.internal.ArimaForecaster;
import org.sharercloud.forecast.internal.arima.ArimaFit;
import org.sharercloud.forecast.internal.arima.ArimaSpec;

import java.util.HashSet;
import java.util.Set;

/**
 * The Hyndman-Khandakar stepwise search: four starting models, then moves of ±1 in p, q, P, Q
 * (alone and together) and toggling the mean, accepting any move that lowers AICc, until none does
 * or {@link #MAX_MODELS} models have been fitted.
 */
final class StepwiseSearch {
    static final int MAX_MODELS = 94;
    static final double MIN_ROOT = 1.01;

    /** The search space: AUTO components of {@code wanted} range over [0, max], others are fixed. */
    record Bounds(ArimaOrder wanted, int m, int d, int sd, int maxPq, int maxSeasonalPq) {
        boolean allows(int p, int q, int sp, int sq, boolean mean) {
            return ok(wanted.p(), p, maxPq) && ok(wanted.q(), q, maxPq) && ok(wanted.P(), sp, maxSeasonalPq)
                    && ok(wanted.Q(), sq, maxSeasonalPq) && (!mean || meanAllowed());
        }

        boolean meanAllowed() {
            return wanted.includeMean() && d + sd == 0;
        }

        private static boolean ok(int fixed, int value, int max) {
            return fixed == ArimaOrder.AUTO ? value >= 0 && value <= max : value == fixed;
        }

        int start(int fixed, int preferred) {
            return fixed == ArimaOrder.AUTO ? preferred : fixed;
        }
    }

    private final double[] x;
    private final Bounds b;
    private final Set<ArimaSpec> tried = new HashSet<>();
    private ArimaFit best;
    private double bestIc = Double.POSITIVE_INFINITY;

    StepwiseSearch(double[] x, Bounds bounds) {
        this.x = x;
        this.b = bounds;
    }

    ArimaFit run() {
        boolean mean = b.meanAllowed();
        int[][] starts = {{2, 2, 1, 1}, {0, 0, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}};
        for (int[] s : starts) {
            int sp = b.m() > 0 ? s[2] : 0;
            int sq = b.m() > 0 ? s[3] : 0;
            consider(b.start(b.wanted().p(), Math.min(s[0], b.maxPq())), b.start(b.wanted().q(), Math.min(s[1], b.maxPq())),
                    b.start(b.wanted().P(), Math.min(sp, b.maxSeasonalPq())), b.start(b.wanted().Q(), Math.min(sq, b.maxSeasonalPq())), mean);
        }
        if (mean) {
            consider(b.start(b.wanted().p(), 0), b.start(b.wanted().q(), 0), b.start(b.wanted().P(), 0), b.start(b.wanted().Q(), 0), false);
        }
        boolean improved = best != null;
        while (improved && tried.size() < MAX_MODELS) {
            improved = false;
            ArimaSpec c = best.spec();
            int[][] moves = {{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, 1, 1},
                {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0}, {1, 1, 0, 0},
                {-1, 1, 0, 0}, {1, -1, 0, 0}};
            for (int[] mv : moves) {
                if (consider(c.p() + mv[0], c.q() + mv[1], c.sp() + mv[2], c.sq() + mv[3], c.mean())) {
                    improved = true;
                    break;
                }
            }
            if (!improved && b.meanAllowed()) {
                improved = consider(c.p(), c.q(), c.sp(), c.sq(), !c.mean());
            }
        }
        return best;
    }

    /** Fits the model if new and allowed; true when it became the best. */
    private boolean consider(int p, int q, int sp, int sq, boolean mean) {
        if (!b.allows(p, q, sp, sq, mean) || tried.size() >= MAX_MODELS) {
            return false;
        }
        ArimaSpec spec = new ArimaSpec(p, b.d(), q, b.m() > 0 ? sp : 0, b.m() > 0 ? b.sd() : 0, b.m() > 0 ? sq : 0, b.m(), mean);
        if (!tried.add(spec)) {
            return false;
        }
        ArimaFit fit;
        try {
            fit = ArimaForecaster.fitGiven(x, spec);
        } catch (ApiException e) { // too short for this order, or degenerate: skip it
            return false;
        } catch (RuntimeException e) { // e.g. a commons-math convergence failure: skip that model
            return false;
        }
        double ic = fit.aicc();
        if (!Double.isFinite(ic) || fit.minRootModulus() < MIN_ROOT || ic >= bestIc) {
            return false;
        }
        best = fit;
        bestIc = ic;
        return true;
    }
}
