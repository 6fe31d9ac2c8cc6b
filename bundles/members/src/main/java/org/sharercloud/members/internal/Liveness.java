package org.sharercloud.members.internal;

import org.sharercloud.api.members.MemberState;

/**
 * The liveness rules: a heartbeat makes a member ONLINE (DRAINING while its owner pauses sharing);
 * silence longer than {@code suspectAfterMillis} makes it SUSPECT and longer than
 * {@code offlineAfterMillis} OFFLINE, measured by the database clock ({@link LiveMembers#sweep}).
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

    /** Why silence changed a member's state, e.g. "no heartbeat for 16 s (SUSPECT after 15 s)". */
    String silenceReason(MemberState to, long silentMillis) {
        long limit = to == MemberState.OFFLINE ? offlineAfterMillis : suspectAfterMillis;
        return "no heartbeat for " + silentMillis / 1000 + " s (" + to + " after " + limit / 1000 + " s)";
    }

    /**
     * Why a heartbeat changed a member's state: it ended a silence, and/or the owner's policy paused or resumed
     * sharing ({@code pauseWhy}, see {@link MemberRecord.Pause}).
     */
    static String heartbeatReason(MemberState from, MemberState to, long silentMillis, String pauseWhy) {
        StringBuilder sb = new StringBuilder();
        if (from == MemberState.SUSPECT || from == MemberState.OFFLINE) {
            sb.append("heartbeat after ").append(silentMillis / 1000).append(" s of silence");
        }
        if (to == MemberState.DRAINING || from == MemberState.DRAINING) {
            String why = pauseWhy.isEmpty() ? (to == MemberState.DRAINING ? "the owner paused sharing" : "sharing allowed again") : pauseWhy;
            sb.append(sb.length() == 0 ? "" : "; ").append(why);
        }
        return sb.toString();
    }

    int heartbeatSeconds() {
        return (int) (heartbeatMillis / 1000);
    }
}
