package org.sharercloud.api.scheduler;

import java.util.Map;

/**
 * A feasible member as a placement strategy sees it. The scheduling loop has already filtered out
 * members that cannot take the demand; strategies only rank.
 *
 * @param memberId             member id
 * @param capacity             cpu/memory total and free now, in millicores and MB
 * @param ownerLoad            current owner CPU load, 0..1
 * @param labels               member labels
 * @param predictedOwnerLoad   forecast owner load over the workload's expected run time, 0..1, or NaN if unknown
 * @param predictedAvailability forecast probability that the member stays online over that time, 0..1, or NaN
 */
public record Candidate(String memberId, org.sharercloud.api.members.Capacity capacity, double ownerLoad,
        Map<String, String> labels, double predictedOwnerLoad, double predictedAvailability) {
}
