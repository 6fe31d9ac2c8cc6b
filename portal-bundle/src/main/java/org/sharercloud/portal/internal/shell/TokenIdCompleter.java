package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.portal.internal.Services;

/** Completes the ids of API tokens that still work (the ones worth revoking). */
@Service
public class TokenIdCompleter implements Completer {
    @Reference
    Services services;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        try {
            services.tokens().list().stream().filter(t -> !t.revoked()).map(TokenInfo::id).forEach(ids.getStrings()::add);
        } catch (ApiException e) {
            // the store is not running: nothing to offer
        }
        return ids.complete(session, commandLine, candidates);
    }
}
