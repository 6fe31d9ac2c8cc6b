/** Sharer Cloud public API. */
@Version("2.1.0")
@Export
package org.sharercloud.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
