package org.sharercloud.forecast.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.sharercloud.api.forecast.ForecastResult;

import java.util.Arrays;
import java.util.List;

/**
 * Compares the arima forecaster with R 4.2.2's {@code arima()} and {@code predict()} on R's datasets
 * (expected values from src/test/resources/r/generate.R).
 */
@RunWith(Parameterized.class)
public class ArimaAgainstRTest {
    /** Coefficients: 1e-3 absolute (or relative for large ones such as the mean). */
    static final double COEF_TOL = 1e-3;
    static final double LOGLIK_TOL = 1e-2;

    @Parameters(name = "{0}")
    public static List<String> cases() {
        return Arrays.asList("lh_ar1", "lh_arma11", "lh_ar3", "lh_ma2_nomean", "lakehuron_ar2", "nile_arima111",
                "wwwusage_arima310", "wwwusage_arima111", "wwwusage_arima120", "usaccdeaths_airline", "usaccdeaths_sar",
                "logair_airline", "logair_211_011");
    }

    private final RReference r;

    public ArimaAgainstRTest(String caseName) {
        this.r = RReference.load(caseName);
    }

    @Test
    public void matchesR() {
        ForecastResult f = new ArimaForecaster().forecast(r.values(), r.order(), r.horizon());
        String msg = r.name + " ";
        close(msg + "ar", r.vector("ar"), f.coefficients().ar(), COEF_TOL);
        close(msg + "ma", r.vector("ma"), f.coefficients().ma(), COEF_TOL);
        close(msg + "sar", r.vector("sar"), f.coefficients().sar(), COEF_TOL);
        close(msg + "sma", r.vector("sma"), f.coefficients().sma(), COEF_TOL);
        Double intercept = r.optional("intercept");
        if (intercept == null) {
            assertNull(msg + "intercept", f.coefficients().intercept());
        } else {
            assertEquals(msg + "intercept", intercept, f.coefficients().intercept(), COEF_TOL * Math.max(1, Math.abs(intercept)));
        }
        assertEquals(msg + "sigma2", r.number("sigma2"), f.sigma2(), 2e-3 * r.number("sigma2"));
        assertEquals(msg + "loglik", r.number("loglik"), f.loglik(), LOGLIK_TOL);
        assertEquals(msg + "aic", r.number("aic"), f.aic(), 2 * LOGLIK_TOL);
        double[] rse = r.vector("se");
        double[] rfc = r.vector("forecast");
        assertEquals(rfc.length, f.forecast().length);
        for (int h = 0; h < rfc.length; h++) {
            // a forecast may move by a small fraction of its standard error when coefficients differ in the 4th digit
            assertEquals(msg + "forecast h=" + (h + 1), rfc[h], f.forecast()[h], 2e-3 * rse[h]);
            assertEquals(msg + "se h=" + (h + 1), rse[h], f.se()[h], 2e-3 * rse[h]);
        }
        assertTrue(msg + "order kept", f.order().equals(expectedOrder()));
    }

    private org.sharercloud.api.forecast.ArimaOrder expectedOrder() {
        org.sharercloud.api.forecast.ArimaOrder o = r.order();
        boolean mean = o.includeMean() && o.d() + o.D() == 0;
        return new org.sharercloud.api.forecast.ArimaOrder(o.p(), o.d(), o.q(), o.P(), o.D(), o.Q(), o.period(), mean);
    }

    private static void close(String what, double[] expected, double[] actual, double tol) {
        assertEquals(what + " length", expected.length, actual.length);
        assertArrayEquals(what + " expected " + Arrays.toString(expected) + " got " + Arrays.toString(actual), expected, actual, tol);
    }
}
