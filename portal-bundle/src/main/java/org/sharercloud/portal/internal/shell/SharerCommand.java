package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.sharercloud.api.ApiException;

/**
 * A {@code sharer:*} command: runs {@link #run} and prints a service's refusal (bad input, absent, wrong
 * state, module down) as one {@code Error: …} line, never a stack trace. When the service found several bad
 * fields at once, the line names them all: {@code Error: 2 problems: name: …; cpuMillis: …}.
 */
abstract class SharerCommand implements Action {

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (ApiException e) {
            System.out.println("Error: " + message(e));
        }
        return null;
    }

    static String message(ApiException e) {
        if (e.errors().size() < 2) {
            return e.getMessage();
        }
        StringBuilder sb = new StringBuilder().append(e.errors().size()).append(" problems: ");
        for (int i = 0; i < e.errors().size(); i++) {
            var f = e.errors().get(i);
            sb.append(i == 0 ? "" : "; ").append(f.field() == null ? "" : f.field() + ": ").append(f.error());
        }
        return sb.toString();
    }

    /** The command's work; an {@link ApiException} becomes the one-line error. */
    protected abstract void run() throws Exception;
}
