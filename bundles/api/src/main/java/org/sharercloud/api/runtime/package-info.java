/** Sharer Cloud public API: runtime. */
@Version("1.4.0")
@Export
package org.sharercloud.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
