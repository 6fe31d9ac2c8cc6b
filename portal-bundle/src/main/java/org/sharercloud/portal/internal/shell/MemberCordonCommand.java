package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.members.Member;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:member-cordon <id>}. */
@Service
@Command(scope = "sharer", name = "member-cordon", description = "Stops placing new work on a member (running work continues)")
public class MemberCordonCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the API's JSON instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Member m = services.members().cordon(id);
        if (json) {
            ShellJson.print(m);
            return;
        }
        System.out.println("Member " + m.id() + " (" + m.name() + ") is " + MemberFormat.state(m));
    }
}
