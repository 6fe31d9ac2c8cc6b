/** Sharer Cloud public API: store. */
@Version("1.2.0")
@Export
package org.sharercloud.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
