package org.sharercloud.forecast.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;

import java.util.Arrays;
import java.util.Random;

/** Automatic order selection picks sensible models and beats the baselines out of sample. */
public class AutoArimaTest {
    private final ArimaForecaster arima = new ArimaForecaster();

    @Test
    public void stationaryAr1GetsNoDifferencingAndAnArTerm() {
        Random rnd = new Random(7);
        double[] x = new double[300];
        for (int t = 1; t < x.length; t++) {
            x[t] = 0.7 * x[t - 1] + rnd.nextGaussian();
        }
        for (int t = 0; t < x.length; t++) {
            x[t] += 50;
        }
        ForecastResult f = arima.forecast(x, null, 5);
        assertEquals(0, f.order().d());
        assertTrue("an AR or MA term: " + f.order(), f.order().p() + f.order().q() >= 1);
        assertTrue("mean kept: " + f.coefficients().intercept(), f.order().includeMean()
                && Math.abs(f.coefficients().intercept() - 50) < 1);
    }

    @Test
    public void randomWalkIsDifferenced() {
        Random rnd = new Random(11);
        double[] x = new double[200];
        for (int t = 1; t < x.length; t++) {
            x[t] = x[t - 1] + rnd.nextGaussian();
        }
        assertEquals(1, arima.forecast(x, null, 3).order().d());
    }

    @Test
    public void logAirPassengersGetsBothDifferences() {
        ForecastResult f = arima.forecast(RReference.series("logAirPassengers"), ArimaOrder.auto(12), 12);
        assertEquals("d in " + f.order(), 1, f.order().d());
        assertEquals("D in " + f.order(), 1, f.order().D());
        assertEquals(12, f.order().period());
        assertTrue("seasonal MA (airline-like) " + f.order(), f.order().Q() == 1);
    }

    @Test
    public void fixedComponentsAreKept() {
        ForecastResult f = arima.forecast(RReference.series("WWWusage"),
                new ArimaOrder(ArimaOrder.AUTO, 1, ArimaOrder.AUTO, 0, 0, 0, 0, true), 5);
        assertEquals(1, f.order().d());
        assertTrue(f.order().p() <= 3 && f.order().q() <= 3);
    }

    /** Hold out the last two years of USAccDeaths and of log AirPassengers: auto ARIMA must beat naive. */
    @Test
    public void beatsNaiveOutOfSampleOnSeasonalSeries() {
        for (String name : new String[] {"USAccDeaths", "logAirPassengers"}) {
            double[] all = RReference.series(name);
            int h = 24;
            double[] train = Arrays.copyOf(all, all.length - h);
            double[] test = Arrays.copyOfRange(all, all.length - h, all.length);
            double auto = mae(arima.forecast(train, ArimaOrder.auto(12), h).forecast(), test);
            double naive = mae(new NaiveForecaster().forecast(train, null, h).forecast(), test);
            double snaive = mae(new SeasonalNaiveForecaster().forecast(train, ArimaOrder.auto(12), h).forecast(), test);
            assertTrue(name + ": auto MAE " + auto + " vs naive " + naive, auto < 0.6 * naive);
            assertTrue(name + ": auto MAE " + auto + " vs seasonal naive " + snaive, auto < snaive);
        }
    }

    private static double mae(double[] forecast, double[] actual) {
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += Math.abs(forecast[i] - actual[i]);
        }
        return s / actual.length;
    }
}
