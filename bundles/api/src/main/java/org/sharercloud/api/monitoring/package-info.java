/** Sharer Cloud public API: monitoring. */
@Version("1.0.0")
@Export
package org.sharercloud.api.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
