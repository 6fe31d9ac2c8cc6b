package org.sharercloud.members.internal;

import java.util.Locale;

import org.sharercloud.api.members.SharingPolicy;

/**
 * Whether a member's owner counts as active, with hysteresis (one per member, guarded by its record): the
 * owner turns active once every sample has been above the policy's threshold for {@code ownerActiveSeconds},
 * and idle again once every sample has been at or below threshold − {@code ownerIdleMargin} for
 * {@code ownerIdleSeconds}. A sample in between resets neither clock's opposite: it only breaks the run it
 * interrupts. With zero seconds and margin this is the plain rule "active while the last sample is above".
 */
final class OwnerActivity {
    private boolean active;
    /** Start of the current run of samples on the far side of the current verdict, or -1. */
    private long runSince = -1;
    private String why = "";

    /** Starts active (e.g. a member loaded DRAINING because its owner was busy). */
    OwnerActivity(boolean active) {
        this.active = active;
    }

    /**
     * Feeds the owner load sampled at {@code now} (epoch ms).
     *
     * @return whether the owner counts as active after this sample
     */
    boolean update(double load, SharingPolicy p, long now) {
        if (p == null || !p.pauseWhenOwnerActive()) {
            active = false;
            runSince = -1;
            return false;
        }
        double high = p.ownerActiveThreshold();
        double low = idleLevel(p);
        boolean crossing = active ? load <= low : load > high;
        if (!crossing) {
            runSince = -1;
            return active;
        }
        if (runSince < 0) {
            runSince = now;
        }
        long seconds = (active ? p.ownerIdleSeconds() : p.ownerActiveSeconds()) * 1000L;
        long held = now - runSince;
        if (held >= seconds) {
            active = !active;
            runSince = -1;
            why = active
                    ? String.format(Locale.ROOT, "owner load above %.2f%s (%.2f now)", high, forSeconds(held, seconds), load)
                    : String.format(Locale.ROOT, "owner load at or below %.2f%s (%.2f now)", low, forSeconds(held, seconds), load);
        }
        return active;
    }

    boolean active() {
        return active;
    }

    /** Why the verdict last changed, e.g. "owner load above 0.60 for 15 s (0.83 now)"; empty before any change. */
    String why() {
        return why;
    }

    static double idleLevel(SharingPolicy p) {
        return Math.max(0, p.ownerActiveThreshold() - p.ownerIdleMargin());
    }

    private static String forSeconds(long heldMillis, long requiredMillis) {
        return requiredMillis == 0 ? "" : " for " + Math.round(heldMillis / 1000.0) + " s";
    }
}
