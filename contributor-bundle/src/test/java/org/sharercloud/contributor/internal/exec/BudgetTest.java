package org.sharercloud.contributor.internal.exec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The owner's budget: runs share it, and one larger than it runs alone cut to it. */
public class BudgetTest {
    private final Budget budget = new Budget(() -> 1000, () -> 512);

    @Test
    public void runsShareTheBudget() {
        assertTrue(budget.tryTake(600, 256, true));
        assertFalse("600 + 600 m is over 1000 m", budget.tryTake(600, 100, false));
        assertTrue(budget.tryTake(400, 256, false));
        budget.give(600, 256);
        assertEquals(400, budget.cpuUsed());
    }

    @Test
    public void aRunLargerThanTheBudgetGetsLimitsCutToIt() {
        assertTrue("it runs when nothing else does", budget.tryTake(4000, 4096, true));
        assertEquals(1000, budget.clampCpu(4000));
        assertEquals(512, budget.clampMemory(4096));
        assertEquals("no limit asked: the budget", 1000, budget.clampCpu(0));
        assertEquals(250, budget.clampCpu(250));
        assertEquals(256, budget.clampMemory(256));
    }
}
