package org.sharercloud.portal.internal.rest;

import java.util.Map;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.RuntimeStatus;

/** What a requestor may see of the members: available workers only, without owner or load details. */
public final class MemberViews {
    private MemberViews() {
    }

    /** A worker as a requestor sees it, with the runtimes that work there now (what its workloads may name). */
    public record Worker(String id, String name, MemberState state, String os, String arch, int cores, boolean dockerAvailable,
            Map<String, String> labels, Capacity capacity, Map<String, RuntimeStatus> runtimes) {
    }

    /** ONLINE and not cordoned: new work may be placed there. */
    public static boolean available(Member m) {
        return m.state() == MemberState.ONLINE && !m.cordoned();
    }

    public static Worker worker(Member m) {
        return new Worker(m.id(), m.name(), m.state(), m.host().os(), m.host().arch(), m.host().cores(), m.host().dockerAvailable(),
                m.host().labels(), m.capacity(), m.runtimes());
    }
}
