package org.sharercloud.api.agent;

import java.util.List;

/**
 * What one long-poll hands to an agent. All lists are non-null; all empty means "nothing now".
 */
public record Assignments(List<StartAttempt> start, List<StopAttempt> stop, List<ReserveWorker> reserve,
        List<ReleaseWorker> release, List<ExecCommand> exec) {
    public static final Assignments NONE = new Assignments(List.of(), List.of(), List.of(), List.of(), List.of());

    public boolean isEmpty() {
        return start.isEmpty() && stop.isEmpty() && reserve.isEmpty() && release.isEmpty() && exec.isEmpty();
    }
}
