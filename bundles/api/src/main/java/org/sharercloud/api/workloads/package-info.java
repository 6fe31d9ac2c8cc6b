/**
 * Sharer Cloud public API: workloads (requestor side), reserved workers, credits and the per-member allocations the capacity model subtracts.
 * The agent protocol moved to {@code org.sharercloud.api.agent} (3.0.0).
 * 3.1.0: {@code awaitLogs} and {@code execAsync}, which wait without holding the caller's thread.
 */
@Version("3.1.0")
@Export
package org.sharercloud.api.workloads;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
