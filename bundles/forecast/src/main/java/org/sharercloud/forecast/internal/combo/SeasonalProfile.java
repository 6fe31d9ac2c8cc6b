package org.sharercloud.forecast.internal.combo;

/**
 * A seasonal profile by classical decomposition over whole seasons: for each position in the season,
 * the mean over the complete seasons (counted back from the last observation) of the value minus its
 * season's mean, then smoothed over ±{@link #SMOOTH} neighbouring positions (circularly). With 5-minute
 * data and a daily period this is the average day, which at 7 days of history is noisy slot by slot and
 * smooth over 25 minutes.
 */
final class SeasonalProfile {
    static final int SMOOTH = 2;

    private final double[] s;
    private final int m;
    private final int start;

    private SeasonalProfile(double[] s, int m, int start) {
        this.s = s;
        this.m = m;
        this.start = start;
    }

    /** The profile of {@code y} for period m; needs at least one full season. */
    static SeasonalProfile of(double[] y, int m) {
        int n = y.length;
        int seasons = n / m;
        int start = n - seasons * m;
        double[] raw = new double[m];
        for (int d = 0; d < seasons; d++) {
            int from = start + d * m;
            double mean = 0;
            for (int j = 0; j < m; j++) {
                mean += y[from + j];
            }
            mean /= m;
            for (int j = 0; j < m; j++) {
                raw[j] += (y[from + j] - mean) / seasons;
            }
        }
        double[] s = new double[m];
        for (int j = 0; j < m; j++) {
            double v = 0;
            for (int i = -SMOOTH; i <= SMOOTH; i++) {
                v += raw[Math.floorMod(j + i, m)];
            }
            s[j] = v / (2 * SMOOTH + 1);
        }
        return new SeasonalProfile(s, m, start);
    }

    /** The profile's value at time index t (any t, before or after the series). */
    double at(int t) {
        return s[Math.floorMod(t - start, m)];
    }

    /** y minus the profile. */
    double[] adjust(double[] y) {
        double[] a = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            a[t] = y[t] - at(t);
        }
        return a;
    }
}
