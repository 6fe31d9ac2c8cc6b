package org.sharercloud.api.workloads;

import java.util.List;

/**
 * A command for a reserved worker.
 *
 * @param command        command and arguments, not empty
 * @param timeoutSeconds limit for the command, 1..300 (default 60)
 */
public record ExecRequest(List<String> command, Integer timeoutSeconds) {
}
