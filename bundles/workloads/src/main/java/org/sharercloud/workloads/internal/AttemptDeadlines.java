package org.sharercloud.workloads.internal;

import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator-side deadline of attempts: every {@code deadline.check.seconds}, attempts past their deadline
 * ({@code Lifecycle#expireOverdue}: RUNNING past timeout + {@code attempt.grace.seconds}, SCHEDULED unacknowledged past
 * {@code start.deadline.seconds}) are LOST in one transaction and retried elsewhere, so no booking outlives its attempt;
 * every hour, logs and outputs of workloads final for more than {@code retention.days} are deleted.
 */
@Component(immediate = true, service = AttemptDeadlines.class)
public class AttemptDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptDeadlines.class);
    private final WorkloadsCore core;
    private final Timers timers = Timers.create("workloads-deadlines", 1);

    @Activate
    public AttemptDeadlines(@Reference WorkloadsCore core) {
        this.core = core;
        Duration every = Duration.ofSeconds(Math.max(1, core.config().deadline_check_seconds()));
        timers.withFixedDelay("attempt deadlines", every, every, this::sweep);
        timers.withFixedDelay("log and output retention", Duration.ofMinutes(5), Duration.ofHours(1), this::purge);
    }

    /** Deletes the logs and outputs of workloads final for longer than {@code retention.days}; returns the rows deleted. */
    int purge() {
        int days = core.config().retention_days();
        if (days <= 0) {
            return 0;
        }
        long before = core.clock().millis() - days * 86_400_000L;
        int n = core.mutate((c, ch) -> core.repos().logs().purgeFinalBefore(c, before) + core.repos().outputs().purgeFinalBefore(c, before));
        if (n > 0) {
            LOG.info("Deleted {} log chunk(s) and output archive(s) of workloads final for more than {} day(s)", n, days);
        }
        return n;
    }

    /** One sweep; returns how many attempts were LOST. */
    int sweep() {
        WorkloadsConfig cfg = core.config();
        int n = core.mutate((c, ch) -> core.lifecycle().expireOverdue(c, ch, cfg.attempt_grace_seconds() * 1000L,
                cfg.start_deadline_seconds() * 1000L));
        if (n > 0) {
            LOG.info("{} attempt(s) past their deadline without a result are LOST and retried elsewhere", n);
        }
        return n;
    }

    @Deactivate
    void close() {
        timers.close();
    }
}
