package org.sharercloud.scheduler.internal.strategy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberHistory;

public class ForecastStrategyTest {
    /** History where "steady" is always online and idle, "flaky" online half the time, "busy" loaded. */
    public static final class History implements MemberHistory {
        @Override
        public List<String> memberIds() {
            return List.of("steady", "flaky", "busy", "new");
        }

        @Override
        public double[] hourlyAvailability(String id, int maxHours) {
            double[] v = new double[id.equals("new") ? 1 : 48];
            for (int i = 0; i < v.length; i++) {
                v[i] = id.equals("flaky") ? (i % 2 == 0 ? 0.1 : 0.9) : 1.0;
            }
            return v;
        }

        @Override
        public double[] hourlyOwnerLoad(String id, int maxHours) {
            double[] v = new double[id.equals("new") ? 1 : 48];
            Arrays.fill(v, id.equals("busy") ? 0.8 : 0.05);
            v[0] = Double.NaN;
            return v;
        }
    }

    /** Forecasts the series mean; refuses constant series like ARIMA does. */
    public static final class MeanForecaster implements Forecaster {
        public final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "mean";
        }

        @Override
        public ForecastResult forecast(double[] values, ArimaOrder order, int horizon) {
            calls.incrementAndGet();
            double mean = Arrays.stream(values).average().orElseThrow();
            if (Arrays.stream(values).allMatch(x -> x == values[0])) {
                throw ApiException.badRequest("values", "constant series");
            }
            double[] f = new double[horizon];
            Arrays.fill(f, mean);
            return new ForecastResult("mean", null, null, 0, 0, 0, f, new double[horizon]);
        }
    }

    public static Candidate candidate(String id) {
        return Candidate.of(id, new Capacity(4000, 4000, 8000, 8000), 0.05, Map.of());
    }

    @Test
    public void prefersMembersLikelyToStayAndIdleAndScoresFromCacheOnly() {
        ForecastCache cache = new ForecastCache();
        MeanForecaster f = new MeanForecaster();
        cache.refresh(new History(), f, 168, 6);
        assertEquals("members with under 3 hours of history get no outlook", 3, cache.size());
        assertTrue("constant series fall back to their recent mean", cache.fallbacks() > 0);
        ForecastStrategy s = new ForecastStrategy(cache);
        Demand longRun = new Demand("w", 1000, 100, 0, 4 * 3600);
        int before = f.calls.get();
        double steady = s.score(longRun, candidate("steady"));
        double flaky = s.score(longRun, candidate("flaky"));
        double busy = s.score(longRun, candidate("busy"));
        double unknown = s.score(longRun, candidate("new"));
        assertEquals("scoring must never call the forecaster", before, f.calls.get());
        assertTrue(steady > busy);
        assertTrue(busy > flaky);
        assertTrue("an unknown member ranks below a known reliable one", steady > unknown);
        assertEquals(0.5, cache.get("flaky").availabilityAt(0), 1e-9);
        assertEquals(0.8, cache.get("busy").ownerLoadAt(5), 1e-9);
    }

    @Test
    public void predictionsCarriedByTheCandidateWin() {
        ForecastStrategy s = new ForecastStrategy(new ForecastCache());
        Demand d = new Demand("w", 1000, 100, 0, 3600);
        Capacity c = new Capacity(4000, 4000, 8000, 8000);
        double good = s.score(d, new Candidate("a", c, 0, Map.of(), 0.1, 0.99));
        double bad = s.score(d, new Candidate("b", c, 0, Map.of(), 0.1, 0.3));
        assertTrue(good > bad);
    }

    @Test
    public void avoidsMembersWhoseOwnerIsExpectedToLeaveLessThanIsPlaced() {
        ForecastStrategy s = new ForecastStrategy(new ForecastCache());
        Demand d = new Demand("w", 1000, 100, 0, 3600);
        // both: 4 cores, idle owner now, owner expected at 50 % (2000 m left over the run)
        Candidate room = new Candidate("room", new Capacity(4000, 4000, 8000, 8000), 0, Map.of(), 0.5, 0.9);
        Candidate full = new Candidate("full", new Capacity(4000, 1000, 8000, 8000), 0, Map.of(), 0.5, 0.9);
        double withRoom = s.score(d, room);
        double overbooked = s.score(d, full);
        assertTrue("1000 m placed fits in the 2000 m expected; 4000 m would run at half speed", withRoom > overbooked);
        // the gap is ln(2000 / 4000) less at most the best-fit tie-break (0.1 x free share)
        assertEquals(Math.log(0.5), overbooked - withRoom, 0.1 + 1e-9);
        assertEquals(0, ForecastStrategy.lnShare(ForecastStrategy.lnOffered(4000, Math.log(0.5)),
                ForecastStrategy.lnAfter(4000, 4000, 0, 1000)), 1e-12);
    }
}
