package org.sharercloud.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.junit.Test;

public class ProfileForecasterTest {
    private static double[] series(int days, double... tail) {
        double[] v = new double[days * 24 + tail.length];
        for (int i = 0; i < days * 24; i++) {
            v[i] = (i % 24) < 12 ? 0.2 : 0.6;
        }
        System.arraycopy(tail, 0, v, days * 24, tail.length);
        return v;
    }

    @Test
    public void aLongerOnlineRunPersistsLonger() {
        ProfileForecaster f = new ProfileForecaster();
        double[] shortRun = f.forecast(series(4, 0.3, 1, 1), null, 6).forecast();
        double[] longRun = f.forecast(series(4, 1, 1, 1, 1, 1, 1, 1, 1), null, 6).forecast();
        assertEquals(2, ProfileForecaster.run(series(4, 0.3, 1, 1)));
        for (int k = 0; k < 6; k++) {
            assertTrue(Arrays.toString(shortRun) + " vs " + Arrays.toString(longRun), longRun[k] > shortRun[k]);
            assertTrue(longRun[k] <= 1 && shortRun[k] >= 0.2);
        }
        assertTrue("fades towards the daily profile", shortRun[5] < shortRun[0]);
    }

    @Test
    public void withoutARunTheLevelIsTheRecentMean() {
        double[] v = series(2, 0.1, 0.4, 0.7);
        double fc = new ProfileForecaster().forecast(v, null, 1).forecast()[0];
        double profile = (v[v.length - 24] + v[v.length - 48]) / 2;
        assertEquals(0.9 * 0.4 + 0.1 * profile, fc, 1e-9);
    }
}
