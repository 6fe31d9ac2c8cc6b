package org.sharercloud.api.scheduler;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Ranks feasible members for one demand. Each strategy is a service with a {@link #NAME} property;
 * the scheduler uses the one named in its configuration ({@code strategy} in
 * {@code etc/org.sharercloud.scheduler.cfg}) or switched at run time, and falls back to its
 * configured default when that service goes away. Service ranking plays no part in the choice.
 *
 * <p>{@link #score} is on the placement hot path (called once per feasible member per demand):
 * it must be cheap, must not block and must not compute forecasts; anything expensive is computed
 * in the background and looked up here.
 */
@ConsumerType
public interface PlacementStrategy {
    /** Service property: the strategy's name, e.g. {@code first-fit}. */
    String NAME = "name";

    /** The strategy's name, equal to its {@link #NAME} service property. */
    String name();

    /**
     * Scores one feasible candidate; the highest score wins, ties go to the earlier candidate.
     * {@link Double#NEGATIVE_INFINITY} (or NaN) means "never here"; {@link Double#POSITIVE_INFINITY}
     * means "take this one": the loop stops scanning (first-fit uses it).
     */
    double score(Demand demand, Candidate candidate);
}
