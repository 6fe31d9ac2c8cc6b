package org.sharercloud.monitoring.internal;

/** One stored point: a raw sample ({@code samples == 1}) or an average of {@code samples} of them. */
record Sample(String memberId, long ts, double cpuLoad, double ownerLoad, long memoryUsedMb, int samples) {
}
