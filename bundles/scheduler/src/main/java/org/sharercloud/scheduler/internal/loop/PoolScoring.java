package org.sharercloud.scheduler.internal.loop;

import org.sharercloud.api.scheduler.Demand;

/**
 * Optional fast path of a {@link org.sharercloud.api.scheduler.PlacementStrategy}: the whole
 * feasibility-and-scoring scan of one demand over a pool's flat arrays, with no
 * {@link org.sharercloud.api.scheduler.Candidate} per member and no call per member through the SPI.
 * {@link Placer} uses it when the strategy implements it; any other strategy (third-party ones) is
 * scored member by member through {@code score}.
 *
 * <p>Contract: the result must be the one {@link Placer}'s generic scan would produce with the
 * strategy's own {@code score(demand, pool.candidate(i))}: the same winner (highest score, ties to the
 * earlier member, {@code +Infinity} stops the scan), and {@link Placer#record} called with the number of
 * feasible members (or -1 when it skipped members it proved could not win; the count is then taken
 * when asked for) and the winning score. {@code PlacementEquivalenceTest} checks this for the
 * built-in strategies. Not called when no member has enough free CPU.
 */
public interface PoolScoring {
    /** The index of the best member for the demand, or -1; reports the scan through {@link Placer#record}. */
    int best(Demand d, CandidatePool pool, Placer placer);
}
