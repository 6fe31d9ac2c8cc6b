/** Sharer Cloud public API: workloads. */
@Version("1.0.0")
@Export
package org.sharercloud.api.workloads;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
