/** Sharer Cloud public API: auth. */
@Version("1.1.0")
@Export
package org.sharercloud.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
