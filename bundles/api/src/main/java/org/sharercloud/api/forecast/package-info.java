/** Sharer Cloud public API: forecast. */
@Version("1.0.0")
@Export
package org.sharercloud.api.forecast;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
