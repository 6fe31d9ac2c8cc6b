/**
 * Sharer Cloud public API: the agent protocol, as the coordinator serves it ({@link org.sharercloud.api.agent.AgentGateway})
 * and as its wire messages travel: assignments to a member ({@link org.sharercloud.api.agent.Assignments} of
 * start, stop, reserve, exec and release items) and the member's reports back ({@link org.sharercloud.api.agent.AttemptEvent},
 * {@link org.sharercloud.api.agent.ReservationEvent}, answered with an {@link org.sharercloud.api.agent.EventAck}).
 * The contributor agent needs this package and no other of the workloads API. See docs/agent-protocol.md.
 */
@Version("1.0.0")
@Export
package org.sharercloud.api.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
