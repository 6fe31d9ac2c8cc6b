package org.sharercloud.contributor.internal.link;

/** The coordinator's answer to a heartbeat: how it sees this member and when to call again. */
public record HeartbeatAck(String memberId, String state, int heartbeatSeconds) {
}
