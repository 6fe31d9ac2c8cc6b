package org.sharercloud.workloads.internal.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;

/**
 * Commands sent to reserved workers, waiting for their EXEC_RESULT. Kept in memory only, by the
 * coordinator whose caller waits for the answer: a command is not retried after a restart, its caller
 * gets 503 instead.
 */
public final class PendingExecs {
    private final Map<String, PendingExec> byId = new ConcurrentHashMap<>();

    /** Registers a command before it is sent. */
    public PendingExec open(String execId, String reservationId, String memberId) {
        PendingExec p = new PendingExec(execId, reservationId, memberId, new CompletableFuture<>());
        byId.put(execId, p);
        return p;
    }

    /** The caller stopped waiting. */
    public void forget(String execId) {
        byId.remove(execId);
    }

    /** Completes the command with its result, if it is waiting and belongs to the reservation. */
    void answer(String execId, String reservationId, ExecResult result) {
        PendingExec p = byId.remove(execId);
        if (p != null && p.reservationId().equals(reservationId)) {
            p.result().complete(result);
        }
    }

    /** Fails the commands waiting on a member's workers, or on one reservation's when {@code reservationId} is not null (409). */
    void fail(String memberId, String reservationId, String why) {
        byId.values().removeIf(p -> {
            if (p.memberId().equals(memberId) && (reservationId == null || p.reservationId().equals(reservationId))) {
                p.result().completeExceptionally(ApiException.conflict(why));
                return true;
            }
            return false;
        });
    }

    /** Fails every waiting command (the module stops). */
    void failAll(ApiException why) {
        byId.values().forEach(p -> p.result().completeExceptionally(why));
        byId.clear();
    }
}
