package org.sharercloud.contributor.internal.link;

import java.io.IOException;

/**
 * The TLS handshake with the coordinator failed because its certificate was refused ({@link CoordinatorTrust}): no
 * request was sent. The message is the one line to log.
 */
public final class UntrustedCoordinatorException extends IOException {
    private static final long serialVersionUID = 1L;

    UntrustedCoordinatorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The refusal somewhere in {@code e}'s causes, as this exception, or null when {@code e} is another failure. */
    static UntrustedCoordinatorException of(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CoordinatorTrust.Refused r) {
                return new UntrustedCoordinatorException(r.getMessage(), e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
