package org.sharercloud.simulator.internal;

import java.util.List;

import org.sharercloud.api.scheduler.SimulationResult;

/** Formats results as a Markdown table (the same as {@code sharer:simulate} prints). */
public final class SimReport {
    private SimReport() {
    }

    public static String table(List<SimResult> results) {
        return SimulationResult.table(results.stream().map(SimResult::toApi).toList());
    }
}
