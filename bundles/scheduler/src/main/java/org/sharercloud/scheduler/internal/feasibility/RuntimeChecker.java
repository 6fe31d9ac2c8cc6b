package org.sharercloud.scheduler.internal.feasibility;

import java.util.Map;

import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/**
 * The demand's runtime works on the member now ({@code member.runtimes[runtime].available}, as its agent
 * last reported: docker while its engine answers, process only while the owner enabled it).
 *
 * <p>This is also the isolation rule: a workload runs only with the runtime it names, so strangers' code
 * never lands unsandboxed by accident. The unisolated {@code process} runtime is available only where the
 * machine's owner turned it on, and only demands that name it go there as processes; a member that runs
 * nothing but processes reports docker unavailable (an agent too old to report runtimes is read from its
 * label {@value RuntimeStatus#PROCESS_LABEL}, see {@code HostInfo}). Before runtimes were reported, this
 * rule was a label special case inside the pool's label match.
 */
public final class RuntimeChecker implements Checker {
    public static final RuntimeChecker INSTANCE = new RuntimeChecker();

    private RuntimeChecker() {
    }

    /** Whether the runtime works on a member with these runtimes now. */
    public static boolean runs(Map<String, RuntimeStatus> runtimes, String runtime) {
        RuntimeStatus s = runtimes == null ? null : runtimes.get(runtime);
        return s != null && s.available();
    }

    /**
     * Why the runtime does not work on a member with these runtimes, in words: the agent's own detail
     * (e.g. "no reachable Docker engine at unix:///var/run/docker.sock"), or that it does not offer it.
     */
    public static String detail(Map<String, RuntimeStatus> runtimes, String runtime) {
        RuntimeStatus s = runtimes == null ? null : runtimes.get(runtime);
        if (s == null) {
            return "does not offer the " + runtime + " runtime";
        }
        return s.detail() == null || s.detail().isBlank() ? "the " + runtime + " runtime is unavailable" : s.detail();
    }

    @Override
    public boolean passes(MemberFacts f, int i, Demand d) {
        return runs(f.runtimes(i), d.runtime());
    }

    @Override
    public MemberVerdict check(MemberFacts f, int i, Demand d) {
        return passes(f, i, d) ? null
                : new MemberVerdict(f.id(i), RejectReason.RUNTIME_UNAVAILABLE, detail(f.runtimes(i), d.runtime()));
    }
}
