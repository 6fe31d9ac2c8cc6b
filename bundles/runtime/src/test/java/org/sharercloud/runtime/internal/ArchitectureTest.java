package org.sharercloud.runtime.internal;

import org.junit.Test;
import org.sharercloud.testing.HouseRules;

/** No package cycles, nothing of another module but api and timers, implementation under internal (docs/CONVENTIONS.md). */
public class ArchitectureTest {
    @Test
    public void holdsTheHouseRules() {
        HouseRules.check("runtime");
    }
}
