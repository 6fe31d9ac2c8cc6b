package org.sharercloud.api.cluster;

import java.time.Instant;

/**
 * One coordinator instance as recorded in the shared store's registry.
 *
 * @param id          random identity of this run of the coordinator (a restart is a new instance)
 * @param address     where it serves (configured {@code cluster.address}, else host name and HTTP port)
 * @param startedAt   when it started, by the database clock
 * @param lastBeat    its last registry beat, by the database clock
 * @param beatAgeMillis how long ago that beat was, by the database clock (no coordinator's own clock is trusted)
 * @param alive       its last beat is younger than the registry's dead-after limit
 * @param leader      it holds the leader lock (runs the periodic work of the whole cluster)
 * @param self        it is the coordinator answering
 * @param load        what it reported with its last beat
 */
public record Coordinator(String id, String address, Instant startedAt, Instant lastBeat, long beatAgeMillis, boolean alive,
        boolean leader, boolean self, CoordinatorLoad load) {
}
