package org.sharercloud.scheduler.internal.strategy;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;

/**
 * The first feasible member in the members module's order: every member scores
 * {@link Double#POSITIVE_INFINITY}, which tells the loop to take it and stop scanning.
 */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + FirstFitStrategy.NAME)
public class FirstFitStrategy implements PlacementStrategy {
    public static final String NAME = "first-fit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return Double.POSITIVE_INFINITY;
    }
}
