package org.sharercloud.portal.internal.jetty;

import org.eclipse.jetty.server.Handler;
import org.osgi.service.component.annotations.Component;

/**
 * Makes the answers Jetty gives on its own (414 URI too long, 431 headers too large, 400 malformed) use the API's JSON
 * error shape: {@link ErrorHandlerHook} offered as a Jetty {@code Handler} service, which Pax Web's Jetty adds to its
 * server. Pax Web rebuilds its server when a Handler service comes or goes, so this service has no references (it must
 * not follow the web container it makes restart) and is registered once, when the portal starts; without Pax Web's
 * Jetty nobody asks for it and its class is never loaded.
 */
@Component(service = Handler.class)
public class JsonErrorsRegistration extends ErrorHandlerHook {
}
