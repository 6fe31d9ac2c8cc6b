package org.sharercloud.portal.internal.rest;

import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.sharercloud.api.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The API's one error shape: {@code {"status":400,"error":"...","field":"..."}}. When a request was checked as a
 * whole (a workload spec), {@code errors} lists every bad field, {@code [{"field":"name","error":"..."}, ...]}, and
 * {@code error}/{@code field} are the first of them; otherwise {@code errors} is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(int status, String error, String field, List<FieldError> errors) {
    public ErrorBody(int status, String error, String field) {
        this(status, error, field, null);
    }

    public static Response response(int status, String error, String field) {
        return response(new ErrorBody(status, error, field));
    }

    public static Response response(ErrorBody body) {
        return Response.status(body.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
