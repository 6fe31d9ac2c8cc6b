package org.sharercloud.simulator.internal;

import org.junit.Test;
import org.sharercloud.testing.HouseRules;

/** No package cycles, nothing of another module but api and timers, implementation under internal (docs/CONVENTIONS.md). */
public class ArchitectureTest {
    @Test
    public void holdsTheHouseRules() {
        // the scheduler's plain placement packages, copied into this bundle privately so that the simulator replays
        // the very code that places real work (see this module's pom.xml); the scheduler's components are not
        HouseRules.check("simulator", "org.sharercloud.scheduler.internal.loop", "org.sharercloud.scheduler.internal.feasibility",
                "org.sharercloud.scheduler.internal.strategy");
    }
}
