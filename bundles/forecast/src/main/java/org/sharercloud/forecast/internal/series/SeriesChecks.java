package org.sharercloud.forecast.internal.series;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.Forecaster;

/** Input validation shared by the forecasters: every problem is a 400 naming its field. */
public final class SeriesChecks {
    /** Largest order component accepted (p, q, P, Q); larger models are not estimable in practice. */
    public static final int MAX_ORDER = 10;
    public static final int MAX_DIFF = 2;
    public static final int MAX_PERIOD = 1000;

    private SeriesChecks() {
    }

    public static void values(double[] values, int minLength, String model) {
        if (values == null || values.length == 0) {
            throw ApiException.badRequest("values", "values must be a non-empty series of numbers");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw ApiException.badRequest("values", "values[" + i + "] is " + values[i] + "; every value must be a finite number");
            }
        }
        if (values.length < minLength) {
            throw ApiException.badRequest("values", values.length + " values are too few for " + model + ": it needs at least " + minLength);
        }
    }

    public static void horizon(int horizon) {
        if (horizon < 1 || horizon > Forecaster.MAX_HORIZON) {
            throw ApiException.badRequest("horizon", "horizon must be between 1 and " + Forecaster.MAX_HORIZON + ", was " + horizon);
        }
    }

    /** Checks ranges; {@link ArimaOrder#AUTO} components are allowed when {@code allowAuto}. */
    public static void order(ArimaOrder o, boolean allowAuto) {
        if (o.period() < 0 || o.period() > MAX_PERIOD) {
            throw ApiException.badRequest("model", "period must be between 0 and " + MAX_PERIOD + ", was " + o.period());
        }
        component("p", o.p(), MAX_ORDER, allowAuto);
        component("d", o.d(), MAX_DIFF, allowAuto);
        component("q", o.q(), MAX_ORDER, allowAuto);
        component("P", o.P(), MAX_ORDER, allowAuto);
        component("D", o.D(), MAX_DIFF, allowAuto);
        component("Q", o.Q(), MAX_ORDER, allowAuto);
        if (!o.isSeasonal() && (o.P() > 0 || o.D() > 0 || o.Q() > 0)) {
            throw ApiException.badRequest("model", "seasonal terms (P, D, Q) need a period of at least 2");
        }
    }

    private static void component(String name, int value, int max, boolean allowAuto) {
        boolean auto = allowAuto && value == ArimaOrder.AUTO;
        if (!auto && (value < 0 || value > max)) {
            throw ApiException.badRequest("model", name + " must be between 0 and " + max
                    + (allowAuto ? " (or -1 to choose it automatically)" : "") + ", was " + value);
        }
    }
}
