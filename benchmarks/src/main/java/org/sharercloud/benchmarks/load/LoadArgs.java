package org.sharercloud.benchmarks.load;

import java.util.List;

/** Command-line arguments of {@link HeartbeatLoad}. */
final class LoadArgs {
    String url = "http://127.0.0.1:8181";
    String tokenFile;
    String credentialsFile;
    int members = 10_000;
    int interval = 5;
    int seconds = 60;
    int warmup = -1;
    int connections = 64;
    long pid = -1;

    static LoadArgs parse(String[] args) {
        LoadArgs a = new LoadArgs();
        List<String> l = List.of(args);
        for (int i = 0; i + 1 < l.size(); i += 2) {
            String v = l.get(i + 1);
            switch (l.get(i)) {
                case "--url" -> a.url = v;
                case "--token-file" -> a.tokenFile = v;
                case "--credentials-file" -> a.credentialsFile = v;
                case "--members" -> a.members = Integer.parseInt(v);
                case "--interval" -> a.interval = Integer.parseInt(v);
                case "--seconds" -> a.seconds = Integer.parseInt(v);
                case "--warmup" -> a.warmup = Integer.parseInt(v);
                case "--connections", "--concurrency" -> a.connections = Integer.parseInt(v);
                case "--pid" -> a.pid = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + l.get(i));
            }
        }
        if (a.tokenFile == null) {
            throw new IllegalArgumentException("--token-file DIST/data/sharer/admin.token is required");
        }
        if (!a.url.startsWith("http://127.0.0.1") && !a.url.startsWith("http://localhost") && !a.url.startsWith("http://[::1]")) {
            throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1, localhost, [::1])");
        }
        if (a.warmup < 0) {
            a.warmup = 2 * a.interval;
        }
        if (a.members < 1 || a.interval < 1 || a.seconds < 1 || a.connections < 1) {
            throw new IllegalArgumentException("members, interval, seconds and connections must be positive");
        }
        return a;
    }
}
