package org.sharercloud.contributor.internal.host;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;

/** What the agent reports about its machine. */
public interface HostProbe {
    /** The machine's description; cheap to call every heartbeat (slow parts are cached). */
    HostInfo host();

    /** Live load since the previous call (the first call measures since the probe was made). */
    HostMetrics sample();
}
