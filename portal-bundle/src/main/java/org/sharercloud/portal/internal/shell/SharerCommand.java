package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.sharercloud.api.ApiException;

/**
 * A {@code sharer:*} command: runs {@link #run} and prints a service's refusal (bad input, absent, wrong
 * state, module down) as one {@code Error: …} line, never a stack trace.
 */
abstract class SharerCommand implements Action {

    @Override
    public final Object execute() throws Exception {
        try {
            run();
        } catch (ApiException e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }

    /** The command's work; an {@link ApiException} becomes the one-line error. */
    protected abstract void run() throws Exception;
}
