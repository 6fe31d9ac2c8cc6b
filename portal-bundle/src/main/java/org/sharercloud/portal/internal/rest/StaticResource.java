package org.sharercloud.portal.internal.rest;

import java.io.InputStream;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

/**
 * The web page: files of this bundle's {@code static/} folder, served at {@code /}; the libraries it
 * uses (unpacked from their WebJars at build time) under {@code /vendor/}.
 */
@Path("/")
public class StaticResource {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json");
    /** No scripts but our own, no framing, no sniffing: the page escapes what it shows, this is the second lock. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @GET
    public Response index() {
        return serve("index.html", "no-cache");
    }

    @GET
    @Path("{file: [A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.[a-z0-9]+}")
    public Response file(@PathParam("file") String file) {
        return serve(file, "no-cache");
    }

    @GET
    @Path("vendor/{file: [A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*}")
    public Response vendor(@PathParam("file") String file) {
        return serve("vendor/" + file, "public, max-age=86400");
    }

    private static Response serve(String file, String cache) {
        InputStream in = StaticResource.class.getResourceAsStream("/static/" + file);
        if (in == null) {
            return ErrorBody.response(404, "no such page: /" + file, null);
        }
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        return Response.ok(in).type(TYPES.getOrDefault(ext, "text/plain; charset=utf-8")).header("Cache-Control", cache)
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").build();
    }
}
