package org.sharercloud.portal.internal.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.Workload;

/** What the workload and worker commands share: the console's principal and a few formats. */
final class WorkloadShell {
    /** The Karaf console acts as an admin; what it submits is owned by "console". */
    static final Principal CONSOLE = new Principal("console", Role.ADMIN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private WorkloadShell() {
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    static String summary(Workload w) {
        return "Workload " + w.id() + " (" + w.spec().name() + ") is " + w.state() + (w.reason() == null ? "" : ": " + w.reason());
    }

    static String attempt(Attempt a) {
        return a.replica() + " " + a.id() + " on " + a.memberId() + " token " + a.fencingToken() + " " + a.state()
                + (a.exitCode() == null ? "" : " exit " + a.exitCode())
                + String.format(" cpu %.1fs", a.cpuSeconds())
                + (a.reason() == null ? "" : " - " + a.reason());
    }
}
