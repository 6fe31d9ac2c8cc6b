package org.sharercloud.workloads.internal.engine;

import java.util.concurrent.CompletableFuture;

import org.sharercloud.api.runtime.ExecResult;

/** A command sent to a reserved worker, waiting for the agent's EXEC_RESULT (kept in memory only). */
public record PendingExec(String execId, String reservationId, String memberId, CompletableFuture<ExecResult> result) {
}
