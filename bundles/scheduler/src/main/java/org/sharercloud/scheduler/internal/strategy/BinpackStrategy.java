package org.sharercloud.scheduler.internal.strategy;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;

/** Most allocated: the member left with the smallest free share, keeping other members whole. */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + BinpackStrategy.NAME)
public class BinpackStrategy implements PlacementStrategy {
    public static final String NAME = "binpack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return -Allocation.freeAfter(candidate.capacity(), demand.cpuMillis(), demand.memoryMb());
    }
}
