package org.sharercloud.portal.internal.rest;

import java.io.InputStream;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/openapi.json} (no token): the OpenAPI 3 document of this API. It is generated from
 * these resource classes when the bundle is built (swagger-maven-plugin, see the pom) and served as built,
 * so the document, the generated Java client and the running coordinator describe the same API.
 */
@Path("openapi.json")
@Tag(name = "contract")
public class OpenApiResource {
    /** Where the build puts the document inside the bundle. */
    public static final String DOCUMENT = "/openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getOpenApi", summary = "This OpenAPI 3 document (no token needed)",
            responses = @ApiResponse(responseCode = "200", description = "the document",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"))))
    public Response document() {
        InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT);
        if (in == null) {
            return ErrorBody.response(404, "this build carries no OpenAPI document", null);
        }
        return Response.ok(in, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-cache").build();
    }
}
