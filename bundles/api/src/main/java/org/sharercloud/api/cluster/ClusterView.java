package org.sharercloud.api.cluster;

import java.util.List;

/**
 * The coordinators sharing this store, as one of them sees it.
 *
 * @param store        {@code derby} (one coordinator by construction) or {@code postgresql}
 * @param selfId       the answering coordinator's id
 * @param leaderId     the coordinator holding the leader lock, or null while nobody does
 * @param beatSeconds  how often each coordinator beats
 * @param deadAfterSeconds a coordinator silent longer than this is shown dead (and its row pruned later)
 * @param coordinators every recorded coordinator, the live ones first, then by start time
 */
public record ClusterView(String store, String selfId, String leaderId, int beatSeconds, int deadAfterSeconds,
        List<Coordinator> coordinators) {
}
