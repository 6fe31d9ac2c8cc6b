/** Sharer Cloud public API: the coordinators sharing one database, which one leads periodic work, and the wake-ups between them. */
@Version("1.1.0")
@Export
package org.sharercloud.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
