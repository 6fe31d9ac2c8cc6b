package org.sharercloud.portal.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /api/v1/docs/} (no token): Swagger UI over {@code /api/v1/openapi.json}. Swagger UI's files
 * come from the {@code org.webjars:swagger-ui} WebJar, copied into this bundle's {@code apidocs/} folder by
 * the build; the page and its start script are ours. {@code /api/v1/docs} redirects to {@code docs/} so
 * that the page's relative links work behind any prefix.
 */
@Path("docs")
@Hidden // HTML for people, not part of the JSON API
public class DocsResource {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "txt", "text/plain; charset=utf-8");

    @GET
    public Response index(@Context UriInfo uri) {
        if (!uri.getRequestUri().getPath().endsWith("/")) {
            URI slash = uri.getRequestUriBuilder().replacePath(uri.getRequestUri().getPath() + "/").build();
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(slash).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file: [A-Za-z0-9_.-]+\\.[a-z]+}")
    public Response file(@PathParam("file") String file) {
        InputStream in = file.contains("..") ? null : DocsResource.class.getResourceAsStream("/apidocs/" + file);
        if (in == null) {
            return ErrorBody.response(404, "no such file: /api/v1/docs/" + file, null);
        }
        String ext = file.substring(file.lastIndexOf('.') + 1);
        return Response.ok(in).type(TYPES.getOrDefault(ext, "application/octet-stream")).header("Cache-Control", "max-age=3600").build();
    }
}
