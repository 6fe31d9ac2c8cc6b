/** Sharer Cloud public API: the coordinators sharing one database, and which one leads periodic work. */
@Version("1.0.0")
@Export
package org.sharercloud.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
