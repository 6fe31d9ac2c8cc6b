package org.sharercloud.api.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Wake-ups between coordinators sharing one store (issue 12 §4, docs/scale.md): short items of ids, published inside
 * the transaction that made the change and delivered, only if it commits, to every <em>other</em> coordinator.
 * On PostgreSQL: {@code pg_notify('sharer_assign', …)} on the publisher's transaction, and one {@code LISTEN} session per
 * coordinator opened outside the pool. On embedded Derby there is one coordinator: publishing is a no-op, because the
 * publisher already applied its own changes locally after the commit (the same code path, nothing else to tell).
 *
 * <p>Items are ids, never payloads (a notification is at most 8,000 bytes; long lists are split). The channel is
 * for placement and assignment wake-ups only (not member liveness). Notifications sent while a coordinator's
 * {@code LISTEN} session was down are lost: its listeners are then told to {@link Listener#resync} from the store,
 * as they are when this coordinator takes the lead.
 */
public interface ClusterChannel {
    /** The PostgreSQL channel name. */
    String CHANNEL = "sharer_assign";

    /** Inside the caller's transaction on {@code c}: the items reach the other coordinators only if it commits. */
    void publish(Connection c, List<String> items) throws SQLException;

    /** Registers a listener (called on the channel's own thread); closing the handle unregisters it. */
    AutoCloseable listen(Listener listener);

    /** What a coordinator does with what the others announced. */
    interface Listener {
        /** Items another coordinator published and committed, in commit order per publisher. */
        void message(List<String> items);

        /**
         * Rebuild whatever the items keep current from the store: the channel (re)connected (items may have been lost
         * meanwhile) or this coordinator just took the lead.
         */
        void resync();
    }
}
