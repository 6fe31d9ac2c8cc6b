package org.sharercloud.api.workloads;

import java.util.Map;

/**
 * A request for a reserved worker.
 *
 * @param memberId  the member to reserve on (see the available workers)
 * @param image     image of the sandbox
 * @param env       environment for every command
 * @param cpuMillis CPU quota, 1..64000 (default 1000)
 * @param memoryMb  memory limit, 16..262144 (default 256)
 */
public record ReservationRequest(String memberId, String image, Map<String, String> env, Integer cpuMillis,
        Integer memoryMb) {
}
