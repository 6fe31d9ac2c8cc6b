package org.sharercloud.portal.internal.rest;

import javax.servlet.ServletException;

import org.ops4j.pax.web.service.WebContainer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.portal.internal.PortalConfig;
import org.sharercloud.portal.internal.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link HeartbeatServlet} with Pax Web for the exact path {@code /api/v1/agent/heartbeat}.
 * CXF's servlet is mapped to {@code /*} in the same Jetty context ({@code /}), and an exact servlet
 * mapping wins over a prefix one, so heartbeats skip the CXF chain while every other path (including
 * {@code /api/v1/agent/heartbeat/}) still reaches CXF. Pax Web's {@code WebContainer} is used rather
 * than the plain HttpService because an HttpService alias would also take every path below it.
 * Without Pax Web this component stays inactive and {@link AgentHeartbeatResource} answers alone.
 */
@Component(immediate = true, configurationPid = PortalConfig.PID)
public class HeartbeatServletRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatServletRegistration.class);
    private final WebContainer web;
    private final HeartbeatServlet servlet;

    @Activate
    public HeartbeatServletRegistration(@Reference WebContainer web, @Reference Services services, PortalConfig config) throws ServletException {
        this.web = web;
        this.servlet = new HeartbeatServlet(services, RequestMetrics.INSTANCE, BodyLimits.of(config).capFor(HeartbeatServlet.PATH.substring("/api/v1/".length())));
        web.registerServlet(servlet, "sharer-heartbeat", new String[] {HeartbeatServlet.PATH}, null, null);
        LOG.info("Heartbeat servlet registered at {}", HeartbeatServlet.PATH);
    }

    @Deactivate
    void deactivate() {
        web.unregisterServlet(servlet);
    }
}
