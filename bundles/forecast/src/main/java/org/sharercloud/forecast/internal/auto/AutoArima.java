package org.sharercloud.forecast.internal.auto;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.forecast.internal.arima.ArimaFit;
import org.sharercloud.forecast.internal.arima.Differencing;

/**
 * Automatic order selection in the manner of forecast::auto.arima (Hyndman &amp; Khandakar 2008):
 * D by seasonal strength, d by repeated KPSS tests, then a stepwise search over p, q ≤ 3 and
 * P, Q ≤ 1 (when the period is known and at least three seasons are observed) minimising AICc.
 * Fixed (non-AUTO) components of the requested order are kept. A mean is tried only when d + D = 0
 * (no drift terms). Models with an AR or MA root inside modulus 1.01 are rejected, as auto.arima does.
 * For series longer than 150 or periods above 12 the search scores models by CSS and fits only the
 * chosen one by exact ML (auto.arima's {@code approximation}).
 */
public final class AutoArima {
    /** Fewest observations accepted for an automatic fit. */
    public static final int MIN_LENGTH = 8;
    static final int MAX_PQ = 3;
    static final int MAX_SEASONAL_PQ = 1;
    /** Like auto.arima's {@code approximation}: CSS scores during the search for long series or periods. */
    static final int APPROXIMATE_ABOVE_LENGTH = 150;
    static final int APPROXIMATE_ABOVE_PERIOD = 12;

    private AutoArima() {
    }

    public static ArimaFit select(double[] x, ArimaOrder wanted) {
        int m = wanted.period() > 1 && x.length >= 3 * wanted.period() ? wanted.period() : 0;
        if (m == 0 && wanted.period() > 1 && (positive(wanted.P()) || positive(wanted.D()) || positive(wanted.Q()))) {
            m = wanted.period();
        }
        int sd = choose(wanted.D(), m > 0 ? DifferencingTests.nsdiffs(x, m) : 0);
        if (m == 0) {
            sd = 0;
        }
        double[] seasonallyDifferenced = Differencing.diff(x, 0, m, sd);
        int d = choose(wanted.d(), DifferencingTests.ndiffs(seasonallyDifferenced, 2));
        if (Differencing.isConstant(Differencing.diff(x, d, m, sd))) {
            throw ApiException.badRequest("values", "the series is constant after differencing (d=" + d + ", D=" + sd
                    + "); ARIMA needs variance (use the naive forecaster)");
        }
        boolean approximate = x.length > APPROXIMATE_ABOVE_LENGTH || m > APPROXIMATE_ABOVE_PERIOD;
        StepwiseSearch search = new StepwiseSearch(x, new StepwiseSearch.Bounds(wanted, m, d, sd, MAX_PQ,
                m > 0 ? MAX_SEASONAL_PQ : 0), approximate);
        ArimaFit best = search.run();
        if (best == null) {
            throw ApiException.badRequest("values", "no ARIMA model could be fitted to this series");
        }
        return best;
    }

    private static boolean positive(int v) {
        return v > 0;
    }

    private static int choose(int wanted, int chosen) {
        return wanted == ArimaOrder.AUTO ? chosen : wanted;
    }
}
