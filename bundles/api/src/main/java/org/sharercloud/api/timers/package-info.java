/**
 * The one way the modules run periodic and delayed work: {@link org.sharercloud.api.timers.Timers}.
 */
@Version("1.0.0")
@Export
package org.sharercloud.api.timers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
