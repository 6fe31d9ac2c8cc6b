package org.sharercloud.workloads.internal.store;

import java.sql.SQLException;

/** The store failed (a server fault, not the client's). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super("store failure: " + cause.getMessage(), cause);
    }
}
