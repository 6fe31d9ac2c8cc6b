package org.sharercloud.portal.internal.shell;

import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.members.Member;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:member-show <id>}: one member in detail. */
@Service
@Command(scope = "sharer", name = "member-show", description = "Shows one member: host, policy, metrics and capacity")
public class MemberShowCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Member m = services.members().get(id);
        if (json) {
            ShellJson.print(m);
            return;
        }
        ShellTable t = new ShellTable().noHeaders();
        t.column("Field");
        t.column("Value");
        row(t, "ID", m.id());
        row(t, "Name", m.name());
        row(t, "State", MemberFormat.state(m));
        row(t, "Machine", m.host().machineId() + " (" + m.host().hostname() + ")");
        row(t, "OS / arch", m.host().os() + " / " + m.host().arch());
        row(t, "Hardware", m.host().cores() + " cores, " + MemberFormat.memory(m.host().memoryMb()) + ", disk " + MemberFormat.memory(m.host().diskMb())
                + ", docker " + (m.host().dockerAvailable() ? "yes" : "no"));
        row(t, "Runtimes", MemberFormat.runtimes(m.runtimes()));
        row(t, "Labels", m.host().labels() == null ? "" : m.host().labels().toString());
        row(t, "Policy", String.format(Locale.ROOT, "cpu share %.2f, memory %s, hours %s%s", m.policy().maxCpuShare(),
                MemberFormat.memory(m.policy().maxMemoryMb()), m.policy().sharingHours(),
                m.policy().pauseWhenOwnerActive() ? String.format(Locale.ROOT, ", pause when owner load > %.2f for %d s, resume at <= %.2f after %d s",
                        m.policy().ownerActiveThreshold(), m.policy().ownerActiveSeconds(),
                        Math.max(0, m.policy().ownerActiveThreshold() - m.policy().ownerIdleMargin()), m.policy().ownerIdleSeconds()) : ""));
        row(t, "Offered CPU", MemberFormat.cores(m.capacity().cpuMillisFree()) + " free of " + MemberFormat.cores(m.capacity().cpuMillisTotal()));
        row(t, "Offered memory", MemberFormat.memory(m.capacity().memoryMbFree()) + " free of " + MemberFormat.memory(m.capacity().memoryMbTotal()));
        if (m.metrics() != null) {
            row(t, "Load", String.format(Locale.ROOT, "cpu %.2f, owner %.2f, memory %s used of %s, uptime %d s", m.metrics().cpuLoad(),
                    m.metrics().ownerLoad(), MemberFormat.memory(m.metrics().memoryUsedMb()), MemberFormat.memory(m.metrics().memoryTotalMb()),
                    m.metrics().uptimeSeconds()));
        }
        row(t, "Last seen", m.lastSeen() + " (" + MemberFormat.ago(m.lastSeen(), Instant.now()) + ")");
        row(t, "Joined", m.joinedAt().toString());
        t.print(System.out);
    }

    private static void row(ShellTable t, String k, Object v) {
        t.addRow().addContent(k, v);
    }
}
