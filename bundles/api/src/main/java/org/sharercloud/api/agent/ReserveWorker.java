package org.sharercloud.api.agent;

import java.util.Map;

/** Create a reserved worker (the runtime's {@code reserve()}), then report READY or FAILED. */
public record ReserveWorker(String reservationId, String image, Map<String, String> env, int cpuMillis,
        int memoryMb) {
}
