package org.sharercloud.portal.internal.jetty;

import java.util.Hashtable;

import org.eclipse.jetty.server.Handler;
import org.ops4j.pax.web.service.WebContainer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the answers Jetty gives on its own (414 URI too long, 431 headers too large, 400 malformed) use the API's JSON
 * error shape, by registering {@link ErrorHandlerHook} as a Jetty {@code Handler} service for Pax Web. Active only where
 * Pax Web runs (as the heartbeat servlet's registration); unregistering it puts Jetty's own error handler back.
 */
@Component(immediate = true)
public class JsonErrorsRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorsRegistration.class);
    private final ServiceRegistration<Handler> registration;

    @Activate
    public JsonErrorsRegistration(@Reference WebContainer web, BundleContext context) {
        registration = context.registerService(Handler.class, new ErrorHandlerHook(), new Hashtable<>());
        LOG.info("Jetty's own error answers (414, 431, 400) use the API's JSON error shape");
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
