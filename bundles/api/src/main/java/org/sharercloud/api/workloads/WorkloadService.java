package org.sharercloud.api.workloads;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;

/**
 * The Workloads module as requestors and admins see it: submit, validate, follow, cancel. A workload
 * is visible to its owner and to admins only; anyone else gets 404.
 */
@ProviderType
public interface WorkloadService {
    /**
     * Validates and stores a workload as PENDING, then asks the scheduler for a pass.
     *
     * @throws org.sharercloud.api.ApiException 400 naming the first bad field, 413 when the spec or its
     *                                          inputs are larger than the configured caps
     */
    Workload submit(Principal owner, WorkloadSpec spec);

    /** The caller's workloads (all of them for an admin), newest first. */
    List<Workload> list(Principal caller);

    /**
     * One page of the caller's workloads (an admin's: everyone's, or one owner's), newest first, each with
     * its attempts.
     *
     * @throws org.sharercloud.api.ApiException 400 ({@code cursor}, {@code limit}, {@code owner}) for a bad
     *                                          cursor, a limit out of range or an owner filter asked by a
     *                                          requestor for someone else
     */
    Page<Workload> page(Principal caller, WorkloadQuery query);

    /**
     * What ran on one member: its attempts, newest first (no access check: the caller decides who may
     * see a member).
     *
     * @throws org.sharercloud.api.ApiException 400 for a bad cursor or limit
     */
    Page<Attempt> attemptsOn(String memberId, String cursor, int limit);

    /** 404 when absent or not the caller's. */
    Workload get(Principal caller, String workloadId);

    /** Cancels every replica; running attempts are told to stop. 409 when already final. */
    Workload cancel(Principal caller, String workloadId);

    /**
     * Sets the replica count of a running service by hand (owner or admin). Within the policy's
     * [min, max] when it is autoscaled (the autoscaler may change it again on its next round).
     *
     * @throws org.sharercloud.api.ApiException 404 absent or not the caller's, 409 not a service or final,
     *                                          400 field {@code replicas} out of bounds
     */
    Workload scale(Principal caller, String workloadId, int replicas);

    /**
     * Log chunks of all attempts with a sequence number above {@code after}, oldest first. When there
     * are none yet and the workload is not final, waits up to {@code wait} for some.
     */
    LogPage logs(Principal caller, String workloadId, long after, Duration wait);

    /**
     * {@link #logs} without holding the caller's thread while it waits: the page completes the stage as soon as
     * there are chunks above {@code after}, the workload is final, or {@code wait} passed (then empty). For
     * followers of a stream (HTTP {@code logs?follow=true}).
     *
     * @throws org.sharercloud.api.ApiException at once for a non-person caller; 404 (at once, or failing the
     *                                          stage on a later read) when the workload is absent or not the
     *                                          caller's, 503 when the module stops
     */
    java.util.concurrent.CompletionStage<LogPage> awaitLogs(Principal caller, String workloadId, long after, Duration wait);

    /**
     * The outputs archive (tar) of one attempt: the given one, or when {@code attemptId} is null the
     * latest SUCCEEDED attempt that returned one (else the latest attempt that did). 404 when none.
     */
    OutputArchive outputs(Principal caller, String workloadId, String attemptId);

    /** Number of workloads in the store. */
    long count();

    /**
     * What {@code owner} uses of its quotas (stored logs and outputs, unfinished workloads, reserved workers). A
     * requestor sees only its own ({@code owner} null or its own name, else 403); an admin names anyone (null: itself).
     */
    Usage usage(Principal caller, String owner);
}
