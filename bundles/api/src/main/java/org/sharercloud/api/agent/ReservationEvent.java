package org.sharercloud.api.agent;

/**
 * One report from an agent about a reserved worker.
 *
 * @param type     {@link #READY}, {@link #FAILED}, {@link #RELEASED} or {@link #EXEC_RESULT}
 * @param reason   FAILED, RELEASED: detail
 * @param execId   EXEC_RESULT: the command it answers
 * @param exitCode EXEC_RESULT: exit code (-1 when it did not finish)
 * @param stdout   EXEC_RESULT: standard output (capped)
 * @param stderr   EXEC_RESULT: standard error (capped)
 * @param timedOut EXEC_RESULT: the command's time limit killed it
 */
public record ReservationEvent(String type, String reason, String execId, Integer exitCode, String stdout,
        String stderr, Boolean timedOut) {
    public static final String READY = "READY";
    public static final String FAILED = "FAILED";
    public static final String RELEASED = "RELEASED";
    public static final String EXEC_RESULT = "EXEC_RESULT";

    public static ReservationEvent of(String type, String reason) {
        return new ReservationEvent(type, reason, null, null, null, null, null);
    }

    public static ReservationEvent execResult(String execId, int exitCode, String stdout, String stderr, boolean timedOut) {
        return new ReservationEvent(EXEC_RESULT, null, execId, exitCode, stdout, stderr, timedOut);
    }
}
