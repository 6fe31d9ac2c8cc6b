package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:member-remove <id>}: forgets a member; its credential stops working. */
@Service
@Command(scope = "sharer", name = "member-remove", description = "Removes a member; its credential stops working (the machine may join again with a join token)")
public class MemberRemoveCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Override
    protected void run() {
        services.members().remove(id);
        System.out.println("Member " + id + " removed");
    }
}
