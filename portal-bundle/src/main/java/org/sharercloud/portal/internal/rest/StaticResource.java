package org.sharercloud.portal.internal.rest;

import java.io.InputStream;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

/** The web page: files of this bundle's {@code static/} folder, served at {@code /}. */
@Path("/")
public class StaticResource {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{file: [A-Za-z0-9_-]+\\.[a-z]+}")
    public Response file(@PathParam("file") String file) {
        InputStream in = StaticResource.class.getResourceAsStream("/static/" + file);
        if (in == null) {
            return ErrorBody.response(404, "no such page: /" + file, null);
        }
        String ext = file.substring(file.lastIndexOf('.') + 1);
        return Response.ok(in).type(TYPES.getOrDefault(ext, "application/octet-stream"))
                .header("Cache-Control", "no-cache").build();
    }
}
