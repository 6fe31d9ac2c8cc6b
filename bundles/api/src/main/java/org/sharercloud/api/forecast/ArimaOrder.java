package org.sharercloud.api.forecast;

/**
 * A (seasonal) ARIMA order: ARIMA(p,d,q)(P,D,Q)[period], with or without a mean.
 * R's convention: {@code includeMean} only matters when d + D = 0.
 */
public record ArimaOrder(int p, int d, int q, int P, int D, int Q, int period, boolean includeMean) {
    public static ArimaOrder of(int p, int d, int q) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 0, true);
    }
}
