package org.sharercloud.scheduler.internal.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.scheduler.internal.feasibility.Feasibility;
import org.sharercloud.scheduler.internal.feasibility.MemberList;
import org.sharercloud.scheduler.internal.feasibility.StateChecker;

/**
 * What happens to a replica whose earlier attempts failed or were lost on members it must now avoid:
 * while some other member could run it (not OFFLINE, not cordoned, its runtime available, its labels
 * matching, enough total capacity), it waits for that member. When every such member is excluded, the
 * replica is not left waiting forever: once it has been pending for the back-off, the exclusions are
 * lifted and earlier members may take it again. Its retry budget ({@code maxRetries}) still bounds the
 * attempts, so a replica that fails everywhere ends FAILED with its last attempt's reason.
 *
 * <p>One instance per pass (or explanation): members that could run a demand of a given shape are
 * counted once per shape, then each demand costs only a look-up per excluded member.
 */
public final class ExclusionBackoff {
    /** The back-off when none is configured. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private final MemberList members;
    private final Duration backoff;
    private Map<String, Integer> byId;
    private Map<Shape, Integer> possible;

    private record Shape(String runtime, Map<String, String> constraints, int cpuMillis, int memoryMb) {
    }

    public ExclusionBackoff(List<Member> members, Duration backoff) {
        this.members = MemberList.of(members);
        this.backoff = backoff;
    }

    public Duration backoff() {
        return backoff;
    }

    /**
     * When the demand's exclusions are lifted: null while a member it does not exclude could run it
     * (or it excludes nobody); else the end of its back-off (lifted once that is not after now).
     */
    public Instant liftAt(Demand d) {
        if (d.excludedMembers().isEmpty()) {
            return null;
        }
        if (byId == null) {
            byId = new HashMap<>();
            possible = new HashMap<>();
            for (int i = 0; i < members.size(); i++) {
                byId.put(members.id(i), i);
            }
        }
        Shape shape = new Shape(d.runtime(), d.constraints(), d.cpuMillis(), d.memoryMb());
        int could = possible.computeIfAbsent(shape, s -> count(d));
        int excludedCould = 0;
        for (String id : d.excludedMembers()) {
            Integer i = byId.get(id);
            if (i != null && couldRun(i, d)) {
                excludedCould++;
            }
        }
        return could > excludedCould ? null : d.submittedAt().plus(backoff);
    }

    private int count(Demand d) {
        int n = 0;
        for (int i = 0; i < members.size(); i++) {
            if (couldRun(i, d)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Not OFFLINE, not cordoned ({@link StateChecker#mayComeBack}), and able to take the demand were it idle
     * ({@link Feasibility#couldEverTake}: its runtime available, its labels present, enough in total).
     */
    private boolean couldRun(int i, Demand d) {
        return StateChecker.mayComeBack(members.member(i)) && Feasibility.couldEverTake(members, i, d);
    }
}
