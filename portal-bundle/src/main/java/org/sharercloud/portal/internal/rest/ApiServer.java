package org.sharercloud.portal.internal.rest;

import java.util.ArrayList;
import java.util.List;

import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.portal.internal.Health;
import org.sharercloud.portal.internal.PortalConfig;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.live.ClusterSeries;
import org.sharercloud.portal.internal.live.EventHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * Publishes the API under {@code /api/v1} and the web page under {@code /} on CXF's servlet (whose
 * context is {@code /}, set in {@code etc/org.apache.cxf.osgi.cfg}). Resources are thin adapters over
 * {@link Services}; they hold no state.
 */
@Component(immediate = true, configurationPid = PortalConfig.PID)
@Designate(ocd = PortalConfig.class)
public class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private final List<Server> servers = new ArrayList<>();

    @Activate
    public ApiServer(@Reference Services services, @Reference Health health, @Reference EventHub hub,
            @Reference ClusterSeries series, PortalConfig config) {
        RateLimits.configure(config);
        services.longRequests().configure(config.long_requests_max(), config.long_requests_per_caller());
        BodyLimits limits = BodyLimits.of(config);
        JsonLimits.apply(limits);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ApiServer.class.getClassLoader());
        try {
            servers.add(create("/api/v1", Resources.api(services, health, hub, series), List.of(new AuthFilter(services), new BodyLimitFilter(limits), RequestMetrics.INSTANCE)));
            servers.add(create("/", Resources.root(services), List.of()));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LOG.info("Sharer Cloud API published at /api/v1");
    }

    private static Server create(String address, List<Object> resources, List<Object> filters) {
        JAXRSServerFactoryBean bean = new JAXRSServerFactoryBean();
        bean.setBus(BusFactory.getDefaultBus());
        bean.setAddress(address);
        bean.setServiceBeans(resources);
        List<Object> providers = new ArrayList<>(filters);
        providers.add(new JacksonJsonProvider(Json.MAPPER));
        providers.add(new ErrorMapper());
        providers.add(new ClientGone());
        bean.setProviders(providers);
        return bean.create();
    }

    @Deactivate
    void deactivate() {
        for (Server s : servers) {
            s.destroy();
        }
        servers.clear();
    }
}
