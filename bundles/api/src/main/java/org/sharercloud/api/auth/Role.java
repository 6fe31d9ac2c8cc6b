package org.sharercloud.api.auth;

/** Who a caller is to the API. */
public enum Role {
    /** Operates the coordinator: everything. */
    ADMIN,
    /** Submits workloads and reserves workers; sees only their own. */
    REQUESTOR,
    /** A contributor agent, authenticated as one member. */
    MEMBER
}
