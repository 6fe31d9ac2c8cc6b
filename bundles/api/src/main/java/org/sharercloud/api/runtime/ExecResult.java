package org.sharercloud.api.runtime;

/**
 * The result of one command executed in a reserved worker.
 *
 * @param exitCode exit code (-1 when it did not finish)
 * @param stdout   standard output, capped (a truncation marker ends a capped stream)
 * @param stderr   standard error, capped likewise
 * @param timedOut whether the wall-clock limit killed it
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut) {
}
