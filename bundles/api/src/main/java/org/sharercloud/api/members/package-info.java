/** Sharer Cloud public API: members. */
@Version("1.3.0")
@Export
package org.sharercloud.api.members;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
