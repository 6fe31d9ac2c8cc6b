package org.sharercloud.api.members;

/** One heartbeat from an agent: live metrics and, when they changed, host and policy. */
public record Heartbeat(HostMetrics metrics, HostInfo host, SharingPolicy policy) {
}
