package org.sharercloud.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.monitoring.HourAvailability;
import org.sharercloud.api.monitoring.MetricPoint;
import org.sharercloud.api.monitoring.MonitoringService;
import org.sharercloud.api.scheduler.MemberHistory;

/**
 * The members' hourly history that the forecast strategy learns from ({@link MemberHistory}), read from this
 * module's own records: the fraction of each hour a member was ONLINE and its owner's mean CPU load in each
 * hour. Both series end with the current (partial) hour and start at the hour the member first joined (or
 * {@code maxHours} back), so the two have the same length.
 */
@Component(service = MemberHistory.class)
public class MemberHistoryComponent implements MemberHistory {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final MonitoringService monitoring;
    private final MemberService members;
    private final Clock clock;

    @Activate
    public MemberHistoryComponent(@Reference MonitoringService monitoring, @Reference MemberService members) {
        this(monitoring, members, Clock.systemUTC());
    }

    MemberHistoryComponent(MonitoringService monitoring, MemberService members, Clock clock) {
        this.monitoring = monitoring;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public List<String> memberIds() {
        return members.list().stream().map(Member::id).toList();
    }

    @Override
    public double[] hourlyAvailability(String memberId, int maxHours) {
        int hours = hoursKnown(memberId, maxHours);
        if (hours == 0) {
            return new double[0];
        }
        List<HourAvailability> online = monitoring.availability(memberId, hours);
        double[] out = new double[online.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = online.get(i).online();
        }
        return out;
    }

    @Override
    public double[] hourlyOwnerLoad(String memberId, int maxHours) {
        int hours = hoursKnown(memberId, maxHours);
        if (hours == 0) {
            return new double[0];
        }
        long now = clock.millis();
        long first = (Math.floorDiv(now, HOUR) - (hours - 1)) * HOUR;
        double[] out = new double[hours];
        Arrays.fill(out, Double.NaN);
        for (MetricPoint p : monitoring.history(memberId, Instant.ofEpochMilli(first), Instant.ofEpochMilli(now + 1),
                Duration.ofHours(1))) {
            int i = (int) Math.floorDiv(p.time().toEpochMilli() - first, HOUR);
            if (i >= 0 && i < hours && p.samples() > 0) {
                out[i] = p.ownerLoad();
            }
        }
        return out;
    }

    /** Hours from the member's first join to now (the current hour included), at most {@code maxHours}; 0 if unknown. */
    private int hoursKnown(String memberId, int maxHours) {
        if (maxHours < 1) {
            return 0;
        }
        Member m;
        try {
            m = members.get(memberId);
        } catch (RuntimeException unknown) {
            return 0;
        }
        if (m == null || m.joinedAt() == null) {
            return 0;
        }
        long now = clock.millis();
        long since = Math.floorDiv(now, HOUR) - Math.floorDiv(m.joinedAt().toEpochMilli(), HOUR) + 1;
        return (int) Math.max(0, Math.min(Math.min(maxHours, 8760), since));
    }
}
