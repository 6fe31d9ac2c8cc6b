package org.sharercloud.api.runtime;

import java.util.Map;

/**
 * A reserved worker: a long-lived sandbox that stays up until released.
 *
 * @param reservationId reservation id (used to label and find the sandbox)
 * @param image         image reference
 * @param env           environment for every command executed in it
 * @param cpuMillis     CPU quota in millicores
 * @param memoryMb      memory limit
 * @param inputs        files placed read-only under {@code /input}
 */
public record WorkerSpec(String reservationId, String image, Map<String, String> env, int cpuMillis, int memoryMb,
        Map<String, byte[]> inputs) {
}
