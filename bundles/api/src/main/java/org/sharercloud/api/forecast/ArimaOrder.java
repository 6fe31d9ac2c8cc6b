package org.sharercloud.api.forecast;

/**
 * A (seasonal) ARIMA order: ARIMA(p,d,q)(P,D,Q)[period], with or without a mean.
 * R's convention: {@code includeMean} only matters when d + D = 0.
 * <p>
 * A component equal to {@link #AUTO} (-1) is chosen by the forecaster (auto-ARIMA style); the others
 * stay fixed. {@link #auto(int)} leaves every order to the forecaster but tells it the seasonal period
 * (0 or 1: none). With an automatic order, {@code includeMean = true} lets the forecaster decide
 * whether to fit a mean, {@code false} forbids one. Passing a {@code null} order to
 * {@link Forecaster#forecast} means {@code auto(0)}.
 */
public record ArimaOrder(int p, int d, int q, int P, int D, int Q, int period, boolean includeMean) {
    /** Marks an order component that the forecaster chooses. */
    public static final int AUTO = -1;

    /** A non-seasonal ARIMA(p,d,q) with a mean (used when d = 0). */
    public static ArimaOrder of(int p, int d, int q) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 0, true);
    }

    /** A seasonal ARIMA(p,d,q)(P,D,Q)[period] with a mean (used when d + D = 0). */
    public static ArimaOrder seasonal(int p, int d, int q, int P, int D, int Q, int period) {
        return new ArimaOrder(p, d, q, P, D, Q, period, true);
    }

    /** Every order chosen automatically, for a series with the given seasonal period (0: none). */
    public static ArimaOrder auto(int period) {
        return new ArimaOrder(AUTO, AUTO, AUTO, AUTO, AUTO, AUTO, period, true);
    }

    /** True when at least one component is {@link #AUTO}. */
    public boolean isAutomatic() {
        return p == AUTO || d == AUTO || q == AUTO || P == AUTO || D == AUTO || Q == AUTO;
    }

    /** True when the order has a seasonal period of at least 2. */
    public boolean isSeasonal() {
        return period > 1;
    }
}
