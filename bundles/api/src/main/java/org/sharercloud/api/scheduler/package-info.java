/** Sharer Cloud public API: scheduler. */
@Version("1.3.0")
@Export
package org.sharercloud.api.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
