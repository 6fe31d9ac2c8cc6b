package org.sharercloud.workloads.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.ReplicaUsage;
import org.sharercloud.api.workloads.ServiceLoad;
import org.sharercloud.api.workloads.ServiceScaler;
import org.sharercloud.api.workloads.Workload;

/** The autoscaler's view of autoscaled services and its way to resize them. */
@Component(service = ServiceScaler.class)
public class ServiceScalerImpl implements ServiceScaler {
    private final WorkloadsCore core;

    @Activate
    public ServiceScalerImpl(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Override
    public List<ServiceLoad> autoscaled() {
        return core.read(c -> {
            List<ServiceLoad> out = new ArrayList<>();
            for (String id : core.repos().workloads().autoscaled(c)) {
                Workload w = core.repos().workloads().get(c, id);
                List<ReplicaUsage> running = new ArrayList<>();
                for (Attempt a : core.repos().attempts().ofWorkload(c, id)) {
                    if (a.state() == AttemptState.RUNNING) {
                        running.add(core.engine().usage().of(a));
                    }
                }
                out.add(new ServiceLoad(id, w.spec().autoscaling(), w.spec().replicas(), w.spec().cpuMillis(), running));
            }
            return out;
        });
    }

    @Override
    public Workload scale(String workloadId, int replicas, String reason) {
        return core.mutate((c, ch) -> {
            Workload w = workloadId == null ? null : core.repos().workloads().get(c, workloadId);
            if (w == null) {
                throw ApiException.notFound("workload " + workloadId);
            }
            core.scaling().scale(c, ch, w, replicas, reason == null || reason.isBlank() ? "no reason given" : reason);
            return core.withAttempts(c, core.repos().workloads().get(c, workloadId));
        });
    }
}
