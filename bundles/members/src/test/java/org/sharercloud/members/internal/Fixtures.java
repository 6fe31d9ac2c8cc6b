package org.sharercloud.members.internal;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.store.internal.StoreComponent;

/** The real store on in-memory Derby, a clock tests move by hand, and an EventAdmin that records. */
final class Fixtures {
    static {
        System.setProperty("derby.stream.error.file", "target/derby.log"); // not the module folder
    }

    private Fixtures() {
    }

    static StoreComponent store() throws Exception {
        return store("jdbc:derby:memory:members-" + UUID.randomUUID() + ";create=true");
    }

    /** Drops an in-memory database opened by {@link #store()} (the store's own shutdown is not public). */
    static void drop(StoreComponent store) {
        org.apache.derby.jdbc.EmbeddedDataSource ds = new org.apache.derby.jdbc.EmbeddedDataSource();
        ds.setDatabaseName(store.url().substring("jdbc:derby:".length()));
        ds.setConnectionAttributes("drop=true");
        try {
            ds.getConnection().close();
        } catch (java.sql.SQLException expected) {
            // Derby reports a successful drop as an exception (SQLState 08006)
        }
    }

    static StoreComponent store(String url) throws Exception {
        return new StoreComponent(url, "", "", 4);
    }

    static MembersConfig config(int heartbeatSeconds, int missed, int offlineSeconds) {
        return new MembersConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MembersConfig.class;
            }

            @Override
            public int heartbeat_seconds() {
                return heartbeatSeconds;
            }

            @Override
            public int suspect_after_missed() {
                return missed;
            }

            @Override
            public int offline_after_seconds() {
                return offlineSeconds;
            }

            @Override
            public int flush_millis() {
                return 1000;
            }

            @Override
            public int persist_seconds() {
                return 15;
            }

            @Override
            public int history_days() {
                return 30;
            }

            @Override
            public int history_per_member() {
                return 1000;
            }
        };
    }

    static HostInfo host(String machineId) {
        return new HostInfo(machineId, "host-" + machineId, "Linux 6.1", "amd64", 8, 16384, 100_000, true, Map.of("gpu", "none"));
    }

    static HostMetrics metrics(double cpu, double owner) {
        return new HostMetrics(cpu, owner, 4096, 16384, 90_000, 1000);
    }

    /** A clock that only moves when told to; UTC, starting at noon. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-15T12:00:00Z");

        void advanceSeconds(long s) {
            now = now.plusSeconds(s);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records every posted event. */
    static final class RecordingEvents implements EventAdmin {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }

        /** "from->to" of each STATE_CHANGED event of a member, in order. */
        List<String> transitions(String memberId) {
            return events.stream().filter(e -> e.getTopic().endsWith("/STATE_CHANGED") && memberId.equals(e.getProperty("memberId")))
                    .map(e -> e.getProperty("from") + "->" + e.getProperty("to")).collect(Collectors.toList());
        }

        long count(String topicSuffix) {
            return events.stream().filter(e -> e.getTopic().endsWith(topicSuffix)).count();
        }
    }
}
