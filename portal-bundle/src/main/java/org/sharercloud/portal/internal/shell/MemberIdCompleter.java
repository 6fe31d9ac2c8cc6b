package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sharercloud.api.members.Member;
import org.sharercloud.portal.internal.Services;

/** Completes member ids. */
@Service
public class MemberIdCompleter implements Completer {
    @Reference
    Services services;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        services.membersIfRunning().ifPresent(m -> m.list().stream().map(Member::id).forEach(ids.getStrings()::add));
        return ids.complete(session, commandLine, candidates);
    }
}
