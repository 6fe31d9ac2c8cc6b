package org.sharercloud.portal.internal.rest;

import java.util.Locale;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.portal.internal.Services;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/forecasts}: fits a model to {@code values} and forecasts {@code horizon} steps.
 * {@code model} is an order object ({@code p,d,q,P,D,Q,period,includeMean}) or {@code "auto"}.
 */
@Path("forecasts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "forecasts")
public class ForecastResource {
    /** Request body. {@code period} is the seasonal period for {@code "auto"}. */
    public record ForecastRequest(double[] values,
            @Schema(description = "\"auto\" (the default) or an order", implementation = Object.class, oneOf = {String.class, ArimaOrder.class}) JsonNode model,
            Integer horizon, String forecaster, Integer period) {
    }

    static final int MAX_VALUES = 100_000;
    private final Services services;

    public ForecastResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "forecast", summary = "Fit a forecaster (ARIMA by default) to a series and forecast it (requestor or admin)")
    @POST
    public ForecastResult forecast(ForecastRequest body, @Context SecurityContext sc) {
        Caller.person(sc);
        if (body == null || body.values() == null || body.values().length == 0) {
            throw ApiException.badRequest("values", "values must be a non-empty array of numbers, oldest first");
        }
        if (body.values().length > MAX_VALUES) {
            throw new ApiException(413, "values", "at most " + MAX_VALUES + " values per request");
        }
        int horizon = body.horizon() == null ? 1 : body.horizon();
        String name = body.forecaster() == null ? "arima" : body.forecaster().strip().toLowerCase(Locale.ROOT);
        return services.forecaster(name).forecast(body.values(), order(body.model(), body.period()), horizon);
    }

    /** The order named by the {@code model} field: null means "choose automatically". */
    static ArimaOrder order(JsonNode model, Integer period) {
        if (model == null || model.isNull() || model.isTextual() && model.asText().equalsIgnoreCase("auto")) {
            return period == null ? null : ArimaOrder.auto(period);
        }
        if (!model.isObject()) {
            throw ApiException.badRequest("model", "model must be \"auto\" or an object {p,d,q,P,D,Q,period,includeMean}");
        }
        model.fieldNames().forEachRemaining(f -> {
            if (!java.util.Set.of("p", "d", "q", "P", "D", "Q", "period", "includeMean").contains(f)) {
                throw ApiException.badRequest("model." + f, "unknown model field '" + f + "'");
            }
        });
        return new ArimaOrder(intField(model, "p"), intField(model, "d"), intField(model, "q"), intField(model, "P"),
                intField(model, "D"), intField(model, "Q"), intField(model, "period"),
                !model.has("includeMean") || model.get("includeMean").asBoolean(true));
    }

    private static int intField(JsonNode model, String f) {
        JsonNode v = model.get(f);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 1000) {
            throw ApiException.badRequest("model." + f, "model." + f + " must be an integer between 0 and 1000");
        }
        return v.asInt();
    }
}
