package org.sharercloud.scheduler.internal.strategy;

import java.util.HashMap;
import java.util.Map;

import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.scheduler.MemberHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member outlooks computed from history by a forecaster, replaced as a whole on each refresh so that
 * readers on the placement path see one consistent, immutable map without locking. When the
 * forecaster cannot fit a series (too short, constant, NaN) the member's recent mean is used instead.
 */
public final class ForecastCache {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastCache.class);
    /** Below this many hours of history a member gets no outlook (the strategy treats it as unknown). */
    static final int MIN_HISTORY_HOURS = 3;
    private static final int FALLBACK_WINDOW = 24;
    private volatile Map<String, MemberOutlook> outlooks = Map.of();
    private volatile int fallbacks;

    /** The member's outlook, or null when unknown. Cheap: a hash lookup. */
    public MemberOutlook get(String memberId) {
        return outlooks.get(memberId);
    }

    /** The outlooks of the last refresh as one immutable whole (never modify it); identity changes on refresh. */
    Map<String, MemberOutlook> snapshot() {
        return outlooks;
    }

    public int size() {
        return outlooks.size();
    }

    /** Series the forecaster could not fit in the last refresh (their recent mean was used). */
    public int fallbacks() {
        return fallbacks;
    }

    /** Recomputes every member's outlook; meant for a background thread. */
    public void refresh(MemberHistory history, Forecaster forecaster, int historyHours, int horizonHours) {
        Map<String, MemberOutlook> next = new HashMap<>();
        int failed = 0;
        for (String id : history.memberIds()) {
            double[] avail = history.hourlyAvailability(id, historyHours);
            double[] load = fillGaps(history.hourlyOwnerLoad(id, historyHours));
            if (avail.length < MIN_HISTORY_HOURS) {
                continue;
            }
            double[] a = predict(forecaster, avail, horizonHours);
            double[] l = load.length < MIN_HISTORY_HOURS ? null : predict(forecaster, load, horizonHours);
            failed += (a == null ? 1 : 0) + (l == null ? 1 : 0);
            next.put(id, new MemberOutlook(a != null ? a : flat(avail, horizonHours),
                    l != null ? l : flat(load, horizonHours)));
        }
        outlooks = java.util.Collections.unmodifiableMap(next);
        fallbacks = failed;
    }

    private static double[] predict(Forecaster f, double[] series, int horizon) {
        if (f == null) {
            return null;
        }
        try {
            ForecastResult r = f.forecast(series, null, horizon);
            double[] fc = r.forecast();
            if (fc == null || fc.length < horizon) {
                return null;
            }
            for (double v : fc) {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    return null;
                }
            }
            return fc;
        } catch (RuntimeException e) {
            LOG.debug("{} could not fit a series: {}", f.name(), e.getMessage());
            return null;
        }
    }

    /** The mean of the last day (or of all there is) for every hour ahead. */
    static double[] flat(double[] series, int horizon) {
        double sum = 0;
        int n = Math.min(FALLBACK_WINDOW, series.length);
        for (int i = series.length - n; i < series.length; i++) {
            sum += series[i];
        }
        double[] out = new double[horizon];
        java.util.Arrays.fill(out, n == 0 ? 0 : sum / n);
        return out;
    }

    /** NaN hours (no samples) take the previous hour's value; leading ones the first known value (0 if none). */
    static double[] fillGaps(double[] v) {
        double[] out = v.clone();
        double last = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                last = x;
                break;
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = last;
            } else {
                last = out[i];
            }
        }
        return out;
    }
}
