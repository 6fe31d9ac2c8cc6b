package org.sharercloud.store.internal;

import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;

/** Counts what HikariCP reports about connection use, for {@code /metrics}. */
final class PoolMetrics implements MetricsTrackerFactory {
    final LongAdder acquired = new LongAdder();
    final LongAdder acquireNanos = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder created = new LongAdder();

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return new IMetricsTracker() {
            @Override
            public void recordConnectionCreatedMillis(long millis) {
                created.increment();
            }

            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                acquired.increment();
                acquireNanos.add(nanos);
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.increment();
            }
        };
    }
}
