package org.sharercloud.api.scheduler;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The scheduling loop, as seen by the portal, the shell and the modules that feed it. */
@ProviderType
public interface SchedulerService {
    /** Names of the strategies currently registered, sorted. */
    List<String> strategies();

    /** Name of the strategy in use. */
    String activeStrategy();

    /**
     * Switches strategy at run time (until the next configuration change or restart).
     *
     * @throws org.sharercloud.api.ApiException 400 (field {@code strategy}) when no such strategy is registered
     */
    void setActiveStrategy(String name);

    /**
     * Requests a scheduling pass. Returns at once; the pass runs on the scheduler's own thread, and
     * many triggers in a burst produce one pass (plus at most one after it).
     */
    void trigger();

    /**
     * Explains why each pending replica of a workload is not placed, evaluated now against the
     * current members. Empty when the workload has nothing pending.
     *
     * @throws org.sharercloud.api.ApiException 503 when the members or workloads module is not running
     */
    List<PendingExplanation> explain(String workloadId);

    /** Counters and the state of the loop, for status displays. */
    SchedulerStatus status();
}
