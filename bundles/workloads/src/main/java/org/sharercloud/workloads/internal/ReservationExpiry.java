package org.sharercloud.workloads.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.timers.Timers;
import org.sharercloud.workloads.internal.store.ReservationRepo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases reserved workers held longer than {@code reservation.max.hours} (a requestor may not keep a volunteer's
 * capacity forever): once a minute, as a release by the requestor would, with the reason saying why.
 */
@Component(immediate = true)
public class ReservationExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(ReservationExpiry.class);
    private final WorkloadsCore core;
    private Timers timers;

    @Activate
    public ReservationExpiry(@Reference WorkloadsCore core) {
        this.core = core;
        timers = Timers.create("workloads-reservation-expiry", 1);
        timers.withFixedDelay("reserved worker time limit", Duration.ofMinutes(1), Duration.ofMinutes(1),
                () -> expire(core.clock().millis()));
    }

    /** For tests: no timer. */
    ReservationExpiry(WorkloadsCore core, boolean noTimer) {
        this.core = core;
    }

    /** Releases what was created before {@code now} minus the limit; returns how many. */
    int expire(long now) {
        int hours = core.config().reservation_max_hours();
        if (hours <= 0) {
            return 0;
        }
        long cutoff = now - hours * 3_600_000L;
        String why = "released: the time limit of " + hours + " h for a reserved worker was reached";
        return core.mutate((c, ch) -> {
            int released = 0;
            for (ReservationRepo.Row row : core.repos().reservations().active(c, null)) {
                Reservation r = row.reservation();
                boolean holding = r.state() == ReservationState.REQUESTED || r.state() == ReservationState.READY;
                if (holding && r.createdAt().toEpochMilli() < cutoff) {
                    core.repos().reservations().setState(c, r.id(), ReservationState.RELEASING, why, now);
                    ch.put(r.memberId(), new ReleaseWorker(r.id()));
                    ch.failExecs(r.memberId(), r.id(), "reservation " + r.id() + " reached its time limit");
                    released++;
                }
            }
            if (released > 0) {
                ch.signal();
                LOG.info("Released {} reserved worker(s) held longer than {} h", released, hours);
            }
            return released;
        });
    }

    @Deactivate
    void deactivate() {
        if (timers != null) {
            timers.close();
        }
    }
}
