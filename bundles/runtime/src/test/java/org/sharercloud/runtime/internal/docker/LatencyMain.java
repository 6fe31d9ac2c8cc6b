package org.sharercloud.runtime.internal.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.Configs;
import org.sharercloud.runtime.internal.RecordingListener;
import org.sharercloud.runtime.internal.WorkDir;

/**
 * Measures, for a trivial container ({@code true} in sharer/busybox:test), the latency of
 * (a) the bare sandboxed create → start → wait → remove through docker-java, and
 * (b) a whole {@link DockerRuntime} run: start() to finished() (work folder, logs, stats, inspect,
 * outputs, remove). Not a test: run it by hand, see docs/runtime-results.md. Argument: runs (default 50).
 */
public final class LatencyMain {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Files.createTempDirectory("sharer-latency");
        DockerRuntime runtime = new DockerRuntime(Configs.of(DockerConfig.class, Map.of("workDir", work.toString(), "owner", "latency")));
        Engine engine = runtime.engine();
        try {
            double[] bare = new double[runs];
            double[] full = new double[runs];
            for (int i = -3; i < runs; i++) { // three warm-up rounds
                long t0 = System.nanoTime();
                String id = engine.client.createContainerCmd(DockerTestSupport.IMAGE).withCmd("true").withUser("65534:65534")
                        .withLabels(engine.labels("bare", "run"))
                        .withHostConfig(Sandbox.hostConfig(engine.config, engine.cgroupParent(), 0, 64, null, null, 1 << 20)).exec().getId();
                engine.client.startContainerCmd(id).exec();
                int code = engine.client.waitContainerCmd(id).start().awaitStatusCode();
                engine.remove(id);
                long t1 = System.nanoTime();
                RecordingListener l = new RecordingListener();
                long t2 = System.nanoTime();
                runtime.start(new RunSpec("full-" + i, DockerTestSupport.IMAGE, List.of("true"), Map.of(), 0, 64, 60, Map.of(), 0), l);
                RunResult r = l.awaitResult(60);
                long t3 = System.nanoTime();
                if (code != 0 || !RunResult.SUCCEEDED.equals(r.outcome())) {
                    throw new IllegalStateException("run " + i + " failed: " + code + " " + r);
                }
                if (i >= 0) {
                    bare[i] = (t1 - t0) / 1e6;
                    full[i] = (t3 - t2) / 1e6;
                }
            }
            report("create->start->wait->remove (docker-java, sandboxed)", bare);
            report("DockerRuntime.start() -> finished()", full);
        } finally {
            runtime.cleanup();
            runtime.deactivate();
            WorkDir.deleteTree(work);
        }
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("%-55s n=%d p50=%.0f ms p90=%.0f ms p99=%.0f ms min=%.0f max=%.0f%n", what, s.length,
                pct(s, 50), pct(s, 90), pct(s, 99), s[0], s[s.length - 1]);
    }

    /** Nearest-rank percentile. */
    private static double pct(double[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
