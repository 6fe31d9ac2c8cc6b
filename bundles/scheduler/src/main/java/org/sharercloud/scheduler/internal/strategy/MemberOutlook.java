package org.sharercloud.scheduler.internal.strategy;

/**
 * A member's forecast, hour by hour from the next hour on: probability of being online and owner
 * load, both clamped to 0..1. The logarithms of the running means are computed once here, in the
 * background, so that scoring needs no transcendental function on the placement path.
 */
public final class MemberOutlook {
    private static final double MIN_AVAILABILITY = 1e-3;
    private static final double MAX_LOAD = 0.99;
    private final double[] availability;
    private final double[] ownerLoad;
    private final double[] lnAvailability;
    private final double[] lnSpeed;

    /** Both arrays must have the same, non-zero length; they are copied. */
    public MemberOutlook(double[] availability, double[] ownerLoad) {
        if (availability.length == 0 || availability.length != ownerLoad.length) {
            throw new IllegalArgumentException("outlook needs two series of the same non-zero length");
        }
        int n = availability.length;
        this.availability = new double[n];
        this.ownerLoad = new double[n];
        this.lnAvailability = new double[n];
        this.lnSpeed = new double[n];
        double a = 0;
        double l = 0;
        for (int i = 0; i < n; i++) {
            this.availability[i] = clamp(availability[i], 0, 1);
            this.ownerLoad[i] = clamp(ownerLoad[i], 0, 1);
            a += this.availability[i];
            l += this.ownerLoad[i];
            lnAvailability[i] = Math.log(Math.max(MIN_AVAILABILITY, a / (i + 1)));
            lnSpeed[i] = Math.log(1 - Math.min(MAX_LOAD, l / (i + 1)));
        }
    }

    /** Hours covered. */
    public int hours() {
        return availability.length;
    }

    /** Predicted availability {@code hour} hours ahead (0 = the next hour). */
    public double availabilityAt(int hour) {
        return availability[Math.min(hour, availability.length - 1)];
    }

    /** Predicted owner load {@code hour} hours ahead. */
    public double ownerLoadAt(int hour) {
        return ownerLoad[Math.min(hour, ownerLoad.length - 1)];
    }

    /** ln of the mean predicted availability over the first {@code hours} hours (at least one). */
    public double lnMeanAvailability(int hours) {
        return lnAvailability[index(hours)];
    }

    /** ln(1 - mean predicted owner load) over the first {@code hours} hours: the share of speed left. */
    public double lnMeanSpeed(int hours) {
        return lnSpeed[index(hours)];
    }

    private int index(int hours) {
        return Math.max(0, Math.min(hours, availability.length) - 1);
    }

    static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
