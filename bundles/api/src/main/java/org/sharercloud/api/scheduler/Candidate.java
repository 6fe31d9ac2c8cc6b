package org.sharercloud.api.scheduler;

import java.util.Map;

import org.sharercloud.api.members.Capacity;

/**
 * A feasible member as a placement strategy sees it. The scheduling loop has already filtered out
 * members that cannot take the demand (state, cordon, sharing hours, capacity, labels); strategies
 * only rank. {@code capacity} already accounts for what the loop placed earlier in the same pass.
 *
 * @param memberId              member id
 * @param capacity              cpu/memory total and free now, in millicores and MB
 * @param ownerLoad             current owner CPU load, 0..1
 * @param labels                member labels
 * @param predictedOwnerLoad    forecast owner load over the demand's expected run time, 0..1, or NaN
 *                              when the loop does not know it (strategies may keep their own forecasts)
 * @param predictedAvailability forecast probability that the member stays online over that time, 0..1,
 *                              or NaN
 */
public record Candidate(String memberId, Capacity capacity, double ownerLoad,
        Map<String, String> labels, double predictedOwnerLoad, double predictedAvailability) {

    /** A candidate with no prediction attached. */
    public static Candidate of(String memberId, Capacity capacity, double ownerLoad, Map<String, String> labels) {
        return new Candidate(memberId, capacity, ownerLoad, labels, Double.NaN, Double.NaN);
    }
}
