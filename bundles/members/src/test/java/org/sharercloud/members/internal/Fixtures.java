package org.sharercloud.members.internal;

import java.util.Map;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.testing.Configs;

/** What the members tests build: configuration, a host and its metrics (the store, clock and events come from org.sharercloud.testing). */
final class Fixtures {
    private Fixtures() {
    }

    static MembersConfig config(int heartbeatSeconds, int missed, int offlineSeconds) {
        return Configs.of(MembersConfig.class, Map.of("heartbeat.seconds", heartbeatSeconds, "suspect.after.missed", missed,
                "offline.after.seconds", offlineSeconds, "flush.millis", 1000, "history.days", 30,
                "history.per.member", 1000));
    }

    static HostInfo host(String machineId) {
        return new HostInfo(machineId, "host-" + machineId, "Linux 6.1", "amd64", 8, 16384, 100_000, true, Map.of("gpu", "none"));
    }

    static HostMetrics metrics(double cpu, double owner) {
        return new HostMetrics(cpu, owner, 4096, 16384, 90_000, 1000);
    }
}
