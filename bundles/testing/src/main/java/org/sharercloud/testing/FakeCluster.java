package org.sharercloud.testing;

import java.util.List;

import org.sharercloud.api.cluster.ClusterService;
import org.sharercloud.api.cluster.ClusterView;

/** A coordinator registry whose lead a test sets: for the leader-only periodic work. */
public final class FakeCluster implements ClusterService {
    private volatile boolean leader;

    public FakeCluster(boolean leader) {
        this.leader = leader;
    }

    public void lead(boolean leads) {
        this.leader = leads;
    }

    @Override
    public String selfId() {
        return "self";
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public ClusterView view() {
        return new ClusterView("derby", "self", leader ? "self" : null, 5, 20, List.of());
    }
}
