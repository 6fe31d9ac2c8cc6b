/**
 * Sharer Cloud public API: workloads (requestor side), the agent protocol's coordinator side,
 * reserved workers, credits and the per-member allocations the capacity model subtracts.
 */
@Version("2.3.0")
@Export
package org.sharercloud.api.workloads;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
