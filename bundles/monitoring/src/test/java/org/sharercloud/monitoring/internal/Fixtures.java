package org.sharercloud.monitoring.internal;

import java.lang.annotation.Annotation;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.store.internal.StoreComponent;

/** The real store on in-memory Derby, a hand-moved clock, and member events as the members module posts them. */
final class Fixtures {
    static {
        System.setProperty("derby.stream.error.file", "target/derby.log"); // not the module folder
    }

    private Fixtures() {
    }

    static StoreComponent store() throws Exception {
        String url = "jdbc:derby:memory:monitoring-" + UUID.randomUUID() + ";create=true";
        return new StoreComponent(url, "", "", 4);
    }

    static void drop(StoreComponent store) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(store.url().substring("jdbc:derby:".length()));
        ds.setConnectionAttributes("drop=true");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful drop as an exception
        }
    }

    static MonitoringConfig config(int queueCapacity) {
        return new MonitoringConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MonitoringConfig.class;
            }

            @Override
            public int raw_hours() {
                return 24;
            }

            @Override
            public int minute_days() {
                return 7;
            }

            @Override
            public int quarter_days() {
                return 30;
            }

            @Override
            public int flush_millis() {
                return 1000;
            }

            @Override
            public int availability_flush_seconds() {
                return 60;
            }

            @Override
            public int compact_minutes() {
                return 5;
            }

            @Override
            public int queue_capacity() {
                return queueCapacity;
            }
        };
    }

    static Event heartbeat(String member, long ts, double cpu, long memoryUsedMb) {
        HostMetrics m = new HostMetrics(cpu, cpu / 2, memoryUsedMb, 16384, 1000, 60);
        return new Event(MemberEvents.HEARTBEAT, Map.of(MemberEvents.MEMBER_ID, member, MemberEvents.METRICS, m, MemberEvents.STATE, "ONLINE",
                EventConstants.TIMESTAMP, ts));
    }

    static Event stateChanged(String member, String from, String to, long ts) {
        return new Event(MemberEvents.STATE_CHANGED, Map.of(MemberEvents.MEMBER_ID, member, MemberEvents.FROM, from, MemberEvents.TO, to,
                EventConstants.TIMESTAMP, ts));
    }

    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            now = start;
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
}
