package org.sharercloud.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.sharercloud.portal.internal.rest.AuthFilter;
import org.sharercloud.portal.internal.rest.ErrorBody;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.filter.AbstractSpecFilter;
import io.swagger.v3.core.model.ApiDescription;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * Build time only (the swagger-maven-plugin applies it; it is not part of the bundle): completes the
 * document generated from the JAX-RS resources with what is common to every operation, so the resource
 * classes carry only their own operation id, summary and success responses.
 * <ul>
 * <li>title, version, the server ({@code /api/v1}) and the bearer-token scheme; the operations
 * {@link AuthFilter#isPublic} lets through carry {@code security: []};</li>
 * <li>the one error shape ({@link ErrorBody}) and the error responses each operation can give, by rule:
 * 400 when it takes a body or query parameters, 401 and 403 unless public, 404 when its path names an id,
 * 503 when a module it needs is stopped; and 409/413/429 from {@link #EXTRA} (what its service
 * documents).</li>
 * </ul>
 */
public class ContractFilter extends AbstractSpecFilter {
    /** The error schema's name in {@code components.schemas}. */
    public static final String ERROR = "ErrorBody";

    /** Error responses beyond the rules, by operation id: state conflicts (409), size limits (413), rate limits (429). */
    static final Map<String, List<Integer>> EXTRA = Map.ofEntries(
            Map.entry("agentJoin", List.of(401, 403, 429)), // the join token is the credential: unknown, expired or used up; joins per address
            Map.entry("submitWorkload", List.of(413, 429)), // submits per principal; the unfinished-workload and storage quotas
            Map.entry("forecast", List.of(413, 422)), // 422: the fit ran out of its CPU time
            Map.entry("cancelWorkload", List.of(409)),
            Map.entry("scaleWorkload", List.of(409)),
            Map.entry("reserveWorker", List.of(409, 429)), // 429: the requestor holds its quota of workers
            Map.entry("execInReservation", List.of(409)),
            Map.entry("releaseReservation", List.of(409)),
            Map.entry("revokeToken", List.of(409)), // the last admin token, or one already revoked
            Map.entry("createToken", List.of(409)), // the name is taken (names are unique, revoked tokens' included)
            Map.entry("rotateToken", List.of(409)), // revoked or expired
            Map.entry("streamEvents", List.of(429)), // 200 live streams are open already
            Map.entry("agentAttemptEvent", List.of(409, 413)),
            Map.entry("agentReservationEvent", List.of(409)));

    static final Map<Integer, String> MEANING = Map.of(
            400, "a field is invalid: `field` names the first one, `errors` lists all of them",
            401, "no, unknown or expired token",
            403, "the token's role may not do this, or the thing is not the caller's",
            404, "no such thing (or not visible to the caller)",
            409, "the thing is in the wrong state for this request",
            413, "the request is larger than the coordinator accepts (the body, a JSON string or its nesting; the error names the limit)",
            422, "the request is valid but could not be carried out within its limits (the error says which)",
            429, "too many requests (authentication failures from this address, joins, submits, live streams) or a quota used up (unfinished workloads, reserved workers, stored logs and outputs: see GET /usage): retry after the `Retry-After` seconds",
            503, "a module this request needs is not running (the error names it)");

    @Override
    public Optional<OpenAPI> filterOpenAPI(OpenAPI api, Map<String, List<String>> params, Map<String, String> cookies,
            Map<String, List<String>> headers) {
        api.info(new Info().title("Sharer Cloud API").version(version())
                .description("The coordinator's HTTP API. JSON everywhere; `Authorization: Bearer <token>` on everything but "
                        + "health, the agents' join and this document. Every error has the same shape (`ErrorBody`).")
                .license(new License().name("Apache-2.0")));
        api.servers(List.of(new Server().url("/api/v1").description("this coordinator")));
        Components c = api.getComponents() == null ? new Components() : api.getComponents();
        c.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("an API token (POST /tokens), the admin token (data/sharer/admin.token), or a member credential"));
        @SuppressWarnings("rawtypes")
        Map<String, Schema> error = ModelConverters.getInstance().readAll(ErrorBody.class);
        error.forEach(c::addSchemas);
        api.components(c);
        api.security(List.of(new SecurityRequirement().addList("bearer")));
        return Optional.of(api);
    }

    @Override
    public Optional<Operation> filterOperation(Operation op, ApiDescription api, Map<String, List<String>> params,
            Map<String, String> cookies, Map<String, List<String>> headers) {
        boolean isPublic = AuthFilter.isPublic(api.getPath());
        if (isPublic) {
            op.setSecurity(List.of());
        }
        Map<Integer, String> codes = new TreeMap<>();
        boolean takesInput = op.getRequestBody() != null
                || op.getParameters() != null && op.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
        if (takesInput) {
            codes.put(400, MEANING.get(400));
        }
        if (op.getRequestBody() != null) { // every body is capped (BodyLimitFilter, etc/org.sharercloud.portal.cfg)
            codes.put(413, MEANING.get(413));
        }
        if (!isPublic) {
            codes.put(401, MEANING.get(401));
            codes.put(403, MEANING.get(403));
            codes.put(429, MEANING.get(429)); // the caller's address failed authentication too often (RateLimits)
        }
        if (api.getPath().contains("{")) {
            codes.put(404, MEANING.get(404));
        }
        for (int code : EXTRA.getOrDefault(op.getOperationId(), List.of())) {
            codes.put(code, MEANING.get(code));
        }
        if (!"getOpenApi".equals(op.getOperationId())) {
            codes.put(503, MEANING.get(503));
        }
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        responses.values().stream().filter(r -> r.getContent() != null).flatMap(r -> r.getContent().values().stream())
                .forEach(m -> untypeOneOf(m.getSchema()));
        codes.forEach((code, meaning) -> {
            if (!responses.containsKey(Integer.toString(code))) {
                responses.addApiResponse(Integer.toString(code), new ApiResponse().description(meaning).content(new Content()
                        .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR)))));
            }
        });
        op.setResponses(responses);
        return Optional.of(op);
    }

    /** swagger-core types a {@code oneOf}/{@code anyOf} inside an array as a string: a schema that is one of several has no type of its own. */
    @SuppressWarnings("rawtypes")
    private static void untypeOneOf(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty() || schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            schema.setType(null);
        }
        untypeOneOf(schema.getItems());
    }

    /** A named schema that is one of several (a Java interface listing them) has no {@code type} of its own. */
    @Override
    @SuppressWarnings("rawtypes")
    public Optional<Schema> filterSchema(Schema schema, Map<String, List<String>> params, Map<String, String> cookies,
            Map<String, List<String>> headers) {
        untypeOneOf(schema);
        return Optional.of(schema);
    }

    /** A property that is one of several types ({@code Object} in Java, or a list of them) has no {@code type} of its own. */
    @Override
    @SuppressWarnings("rawtypes")
    public Optional<Schema> filterSchemaProperty(Schema property, Schema schema, String propName, Map<String, List<String>> params,
            Map<String, String> cookies, Map<String, List<String>> headers) {
        untypeOneOf(property);
        return Optional.of(property);
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = ContractFilter.class.getResourceAsStream("/org/sharercloud/portal/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through
        }
        return p.getProperty("version", "unknown");
    }
}
