package org.sharercloud.contributor.internal.link;

import java.net.URI;

/** Who this agent is at one coordinator: its member id and bearer credential. */
public record MemberIdentity(String memberId, String credential, URI coordinator) {
    @Override
    public String toString() {
        return "MemberIdentity[" + memberId + " at " + coordinator + ", credential hidden]";
    }
}
