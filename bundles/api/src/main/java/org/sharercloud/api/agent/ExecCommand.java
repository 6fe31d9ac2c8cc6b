package org.sharercloud.api.agent;

import java.util.List;

/** Run a command in a reserved worker and report its EXEC_RESULT with this {@code execId}. */
public record ExecCommand(String execId, String reservationId, List<String> command, int timeoutSeconds,
        long maxOutputBytes) {
}
