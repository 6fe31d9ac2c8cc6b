package org.sharercloud.forecast.internal.auto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.forecast.internal.arima.ArimaFit;
import org.sharercloud.forecast.internal.arima.ArimaFitter;
import org.sharercloud.forecast.internal.arima.ArimaSpec;
import org.sharercloud.forecast.internal.arima.Transforms;

/**
 * The Hyndman-Khandakar stepwise search: four starting models, then moves of ±1 in p, q, P, Q
 * (alone and together) and toggling the mean, accepting any move that lowers AICc, until none does
 * or {@link #MAX_MODELS} models have been scored. With {@code approximate} (long or long-period
 * series, as auto.arima) models are scored by their CSS fit, otherwise by a loosely converged exact ML
 * fit; the winner is then fitted precisely (falling back to the next best if that fit fails).
 */
final class StepwiseSearch {
    static final int MAX_MODELS = 94;
    static final double MIN_ROOT = 1.01;
    static final int MAX_REFITS = 4;

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

        int start(int fixed, int preferred, int max) {
            return fixed == ArimaOrder.AUTO ? Math.min(preferred, max) : fixed;
        }
    }

    /** A scored model: its loose ML fit, or (CSS scoring) null and its CSS coefficients. */
    private record Scored(ArimaSpec spec, double ic, ArimaFit fit, double[] css) {
    }

    private final double[] x;
    private final Bounds b;
    private final boolean approximate;
    private final Set<ArimaSpec> tried = new HashSet<>();
    private final List<Scored> scored = new ArrayList<>();
    private Scored best;

    StepwiseSearch(double[] x, Bounds bounds, boolean approximate) {
        this.x = x;
        this.b = bounds;
        this.approximate = approximate;
    }

    ArimaFit run() {
        boolean mean = b.meanAllowed();
        int[][] starts = {{2, 2, 1, 1}, {0, 0, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}};
        for (int[] s : starts) {
            consider(b.start(b.wanted().p(), s[0], b.maxPq()), b.start(b.wanted().q(), s[1], b.maxPq()),
                    b.start(b.wanted().P(), s[2], b.maxSeasonalPq()), b.start(b.wanted().Q(), s[3], b.maxSeasonalPq()), mean);
        }
        if (mean) {
            consider(b.start(b.wanted().p(), 0, 0), b.start(b.wanted().q(), 0, 0), b.start(b.wanted().P(), 0, 0),
                    b.start(b.wanted().Q(), 0, 0), false);
        }
        int[][] moves = {{0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, 1, 1},
            {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0}, {1, 1, 0, 0},
            {-1, 1, 0, 0}, {1, -1, 0, 0}};
        boolean improved = best != null;
        while (improved && tried.size() < MAX_MODELS) {
            improved = false;
            ArimaSpec c = best.spec();
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
        return refitBest();
    }

    /**
     * The best model fitted precisely (search fits are CSS or loosely converged ML). CSS-scored
     * candidates are first checked with a loose ML fit, since ML may still put a root on the unit
     * circle. After {@link #MAX_REFITS} rejected candidates the best one that could be fitted is
     * returned even with a near-unit root (e.g. a seasonal MA of -1 for deterministic seasonality).
     */
    private ArimaFit refitBest() {
        scored.sort(Comparator.comparingDouble(Scored::ic));
        ArimaFit fallback = null;
        int attempts = 0;
        for (Scored s : scored) {
            if (attempts++ == MAX_REFITS) {
                break;
            }
            ArimaFit loose = s.fit() != null ? s.fit() : looseFromCss(s);
            if (loose == null) {
                continue;
            }
            if (fallback == null) {
                fallback = loose;
            }
            if (loose.minRootModulus() < MIN_ROOT) {
                continue;
            }
            ArimaFit fit = refine(loose);
            if (fit != null && fit.minRootModulus() >= MIN_ROOT) {
                return fit;
            }
        }
        return fallback == null ? null : refine(fallback);
    }

    /** Scores the model if new and allowed; true when it became the best. */
    private boolean consider(int p, int q, int sp, int sq, boolean mean) {
        if (!b.allows(p, q, sp, sq, mean) || tried.size() >= MAX_MODELS) {
            return false;
        }
        boolean seasonal = b.m() > 0;
        ArimaSpec spec = new ArimaSpec(p, b.d(), q, seasonal ? sp : 0, seasonal ? b.sd() : 0, seasonal ? sq : 0, b.m(), mean);
        if (!tried.add(spec)) {
            return false;
        }
        Scored s = approximate ? scoreCss(spec) : scoreMl(spec);
        if (s == null) {
            return false;
        }
        scored.add(s);
        if (best != null && s.ic() >= best.ic()) {
            return false;
        }
        best = s;
        return true;
    }

    private Scored scoreMl(ArimaSpec spec) {
        ArimaFit fit = fitOrNull(spec, ArimaFitter.SEARCH);
        if (fit == null || !Double.isFinite(fit.aicc()) || fit.minRootModulus() < MIN_ROOT) {
            return null;
        }
        return new Scored(spec, fit.aicc(), fit, null);
    }

    private Scored scoreCss(ArimaSpec spec) {
        try {
            if (x.length < spec.minLength()) {
                return null;
            }
            double[][] css = ArimaFitter.cssOnly(x, spec);
            double ic = css[1][2];
            if (!Double.isFinite(ic) || Transforms.minRootModulus(spec, css[0]) < MIN_ROOT) {
                return null;
            }
            return new Scored(spec, ic, null, css[0]);
        } catch (RuntimeException e) { // e.g. a commons-math convergence failure: skip that model
            return null;
        }
    }

    /** A loose ML fit of a CSS-scored model, started from its CSS coefficients (no second CSS fit). */
    private ArimaFit looseFromCss(Scored s) {
        try {
            return ArimaFitter.fit(x, s.spec(), ArimaFitter.SEARCH, ArimaFitter.startFromCss(s.spec(), s.css().clone()));
        } catch (RuntimeException e) { // e.g. a commons-math convergence failure: skip that model
            return null;
        }
    }

    /** A precise ML fit started from a loose one's coefficients. */
    private ArimaFit refine(ArimaFit loose) {
        try {
            return ArimaFitter.fit(x, loose.spec(), ArimaFitter.PRECISE, loose.coef());
        } catch (RuntimeException e) { // e.g. a commons-math convergence failure
            return null;
        }
    }

    private ArimaFit fitOrNull(ArimaSpec spec, double relTol) {
        try {
            return ArimaFitter.fitGiven(x, spec, relTol);
        } catch (ApiException e) { // too short for this order, or degenerate: skip it
            return null;
        } catch (RuntimeException e) { // e.g. a commons-math convergence failure: skip that model
            return null;
        }
    }
}
