package org.sharercloud.api.scheduler;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The scheduling loop, as seen by the portal and the shell. */
@ProviderType
public interface SchedulerService {
    /** Names of the strategies currently registered. */
    List<String> strategies();

    /** Name of the strategy in use. */
    String activeStrategy();

    /** Switches strategy at run time; 400 when no such strategy is registered. */
    void setActiveStrategy(String name);
}
