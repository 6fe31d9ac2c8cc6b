package org.sharercloud.portal.internal.rest;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's one error shape: {@code {"status":400,"error":"...","field":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(int status, String error, String field) {
    public static Response response(int status, String error, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(status, error, field)).build();
    }
}
