package org.sharercloud.scheduler.internal.strategy;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;

/** Least allocated: the member with the largest free share of CPU and memory after placement. */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + SpreadStrategy.NAME)
public class SpreadStrategy implements PlacementStrategy {
    public static final String NAME = "spread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return Allocation.freeAfter(candidate.capacity(), demand.cpuMillis(), demand.memoryMb());
    }
}
