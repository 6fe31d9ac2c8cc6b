package org.sharercloud.scheduler.internal.feasibility;

import java.util.List;
import java.util.Map;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.RuntimeStatus;

/** {@link MemberFacts} of members as the members module reports them (free capacity as reported). */
public final class MemberList implements MemberFacts {
    private final List<Member> members;

    private MemberList(List<Member> members) {
        this.members = members;
    }

    public static MemberList of(List<Member> members) {
        return new MemberList(members);
    }

    /** A member's labels, or none when it reported no host. */
    public static Map<String, String> labelsOf(Member m) {
        return m.host() == null || m.host().labels() == null ? Map.of() : m.host().labels();
    }

    /** A member's capacity, or none when it reported none. */
    public static Capacity capacityOf(Member m) {
        return m.capacity() == null ? Capacity.NONE : m.capacity();
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public String id(int i) {
        return members.get(i).id();
    }

    @Override
    public Member member(int i) {
        return members.get(i);
    }

    @Override
    public Map<String, String> labels(int i) {
        return labelsOf(members.get(i));
    }

    @Override
    public Map<String, RuntimeStatus> runtimes(int i) {
        return members.get(i).runtimes();
    }

    @Override
    public long cpuFree(int i) {
        return capacityOf(members.get(i)).cpuMillisFree();
    }

    @Override
    public long memoryFree(int i) {
        return capacityOf(members.get(i)).memoryMbFree();
    }

    @Override
    public long cpuTotal(int i) {
        return capacityOf(members.get(i)).cpuMillisTotal();
    }

    @Override
    public long memoryTotal(int i) {
        return capacityOf(members.get(i)).memoryMbTotal();
    }
}
