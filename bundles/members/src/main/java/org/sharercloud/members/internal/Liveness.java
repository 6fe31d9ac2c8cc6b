package org.sharercloud.members.internal;

import org.sharercloud.api.members.MemberState;

/**
 * The liveness rules: a heartbeat makes a member ONLINE (DRAINING while its owner pauses sharing);
 * silence longer than {@code suspectAfterMillis} makes it SUSPECT and longer than
 * {@code offlineAfterMillis} OFFLINE.
 */
record Liveness(long heartbeatMillis, long suspectAfterMillis, long offlineAfterMillis) {

    static Liveness of(MembersConfig c) {
        long hb = Math.max(1, c.heartbeat_seconds()) * 1000L;
        long suspect = hb * Math.max(1, c.suspect_after_missed());
        long offline = Math.max(1, c.offline_after_seconds()) * 1000L;
        return new Liveness(hb, suspect, Math.max(offline, suspect));
    }

    /** The state after a heartbeat. */
    static MemberState onHeartbeat(boolean paused) {
        return paused ? MemberState.DRAINING : MemberState.ONLINE;
    }

    /** The state of a member last heard from at {@code lastSeen}, checked at {@code now}. */
    MemberState afterSilence(MemberState current, long lastSeen, long now) {
        long silent = now - lastSeen;
        if (silent > offlineAfterMillis) {
            return MemberState.OFFLINE;
        }
        if (silent > suspectAfterMillis && current != MemberState.OFFLINE) {
            return MemberState.SUSPECT;
        }
        return current;
    }

    int heartbeatSeconds() {
        return (int) (heartbeatMillis / 1000);
    }
}
