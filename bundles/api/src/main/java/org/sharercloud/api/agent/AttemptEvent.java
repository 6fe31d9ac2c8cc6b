package org.sharercloud.api.agent;

/**
 * One report from an agent about one attempt. {@code fencingToken} and {@code type} are always
 * required; the other fields depend on the type.
 *
 * @param fencingToken  the token the attempt was handed out with
 * @param type          {@link #RUNNING}, {@link #LOG}, {@link #USAGE} or {@link #RESULT}
 * @param stream        LOG: {@code stdout} or {@code stderr}
 * @param text          LOG: the text
 * @param cpuSeconds    USAGE, RESULT: CPU time used so far / in total
 * @param peakMemoryMb  USAGE, RESULT: peak memory
 * @param exitCode      RESULT: exit code (-1 when the process never ran)
 * @param outcome       RESULT: SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED or CANCELLED (as the runtime's RunResult)
 * @param reason        RESULT: human-readable detail
 * @param outputs       RESULT: tar archive of {@code /output} (base64 in JSON), or null
 * @param outputsSha256 RESULT: lower-case hex SHA-256 of {@code outputs}; required with outputs and verified
 */
public record AttemptEvent(long fencingToken, String type, String stream, String text, Double cpuSeconds,
        Long peakMemoryMb, Integer exitCode, String outcome, String reason, byte[] outputs, String outputsSha256) {
    public static final String RUNNING = "RUNNING";
    public static final String LOG = "LOG";
    public static final String USAGE = "USAGE";
    public static final String RESULT = "RESULT";

    public static AttemptEvent running(long token) {
        return new AttemptEvent(token, RUNNING, null, null, null, null, null, null, null, null, null);
    }

    public static AttemptEvent log(long token, String stream, String text) {
        return new AttemptEvent(token, LOG, stream, text, null, null, null, null, null, null, null);
    }

    public static AttemptEvent usage(long token, double cpuSeconds, long peakMemoryMb) {
        return new AttemptEvent(token, USAGE, null, null, cpuSeconds, peakMemoryMb, null, null, null, null, null);
    }

    public static AttemptEvent result(long token, int exitCode, String outcome, String reason, double cpuSeconds,
            long peakMemoryMb, byte[] outputs, String outputsSha256) {
        return new AttemptEvent(token, RESULT, null, null, cpuSeconds, peakMemoryMb, exitCode, outcome, reason, outputs,
                outputsSha256);
    }
}
