package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;

import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The OpenAPI document the build generated (target/classes/openapi.json, served at /api/v1/openapi.json) against
 * the JAX-RS resources the coordinator really publishes under /api/v1 ({@link Resources#api}): every resource
 * method is documented, every documented operation exists, public and protected operations agree with
 * {@link AuthFilter}, and every error response is the one error shape.
 */
public class OpenApiContractTest {
    /** Resource methods deliberately left out of the document: HTML for people, not the JSON API. */
    private static final Set<String> UNDOCUMENTED = Set.of("GET /docs", "GET /docs/{file}");

    private static JsonNode doc;

    @BeforeClass
    public static void load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertNotNull("the build generates " + OpenApiResource.DOCUMENT + " (swagger-maven-plugin, process-classes)", in);
            doc = new ObjectMapper().readTree(in);
        }
    }

    /** "METHOD /path" of every operation in the document. */
    static Map<String, JsonNode> documented() {
        Map<String, JsonNode> ops = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = p.getValue().fields(); m.hasNext();) {
                Map.Entry<String, JsonNode> op = m.next();
                ops.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), op.getValue());
            }
        }
        return ops;
    }

    /** "METHOD /path" of every resource method published under /api/v1, hidden ones included. */
    static Set<String> published() {
        Set<String> out = new TreeSet<>();
        for (Object resource : Resources.api(null, null, null, null)) {
            Class<?> c = resource.getClass();
            String base = c.getAnnotation(Path.class).value();
            for (Method m : c.getMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    out.add(verb + " " + normalise(base + (sub == null ? "" : "/" + sub.value())));
                }
            }
        }
        return out;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /** {@code a//{id: [0-9]+}/} → {@code /a/{id}}, as the document spells paths. */
    static String normalise(String path) {
        String p = ("/" + path).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    public void everyResourceMethodIsDocumentedAndEveryDocumentedOperationExists() {
        Set<String> published = published();
        Set<String> documented = documented().keySet();
        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(documented);
        missing.removeAll(UNDOCUMENTED);
        assertTrue("resource methods missing from openapi.json (give them an @Operation, or rebuild): " + missing, missing.isEmpty());
        Set<String> ghosts = new TreeSet<>(documented);
        ghosts.removeAll(published);
        assertTrue("documented operations no /api/v1 resource serves (a root resource must be in the swagger plugin's "
                + "ignoredRoutes in portal-bundle/pom.xml): " + ghosts, ghosts.isEmpty());
        for (String hidden : UNDOCUMENTED) {
            assertTrue(hidden + " is published", published.contains(hidden));
            assertFalse(hidden + " is not in the document", documented.contains(hidden));
        }
        assertTrue("hidden on purpose", DocsResource.class.isAnnotationPresent(Hidden.class));
    }

    @Test
    public void theHeartbeatServletsPathIsDocumented() {
        String path = HeartbeatServlet.PATH.substring("/api/v1".length());
        JsonNode op = documented().get("POST " + path);
        assertNotNull("POST " + path + " in the document", op);
        assertEquals("#/components/schemas/Heartbeat", op.at("/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/HeartbeatAck", op.at("/responses/200/content/application~1json/schema/$ref").asText());
    }

    @Test
    public void operationIdsAreUniqueAndEveryOperationIsSummarised() {
        Set<String> ids = new HashSet<>();
        documented().forEach((key, op) -> {
            String id = op.path("operationId").asText();
            assertTrue(key + " has an operationId (an @Operation on its method)", id.matches("[a-z][A-Za-z]+"));
            assertTrue("operationId " + id + " is unique", ids.add(id));
            assertFalse(key + " has a summary", op.path("summary").asText().isBlank());
            assertTrue(key + " has a tag", op.path("tags").size() == 1);
        });
    }

    @Test
    public void publicOperationsAreExactlyTheOnesTheAuthFilterLetsThrough() {
        assertEquals("bearer", doc.at("/security/0").fieldNames().next());
        assertEquals("http", doc.at("/components/securitySchemes/bearer/type").asText());
        assertEquals("/api/v1", doc.at("/servers/0/url").asText());
        List<String> open = new ArrayList<>();
        documented().forEach((key, op) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            boolean declaredOpen = op.has("security") && op.path("security").isEmpty();
            assertEquals(key + ": security in the document vs AuthFilter", AuthFilter.isPublic(path), declaredOpen);
            if (declaredOpen) {
                open.add(key);
            }
        });
        assertEquals(List.of("GET /health", "GET /openapi.json", "POST /agent/join"), open.stream().sorted().toList());
        assertTrue("the Swagger UI is public too", AuthFilter.isPublic("docs") && AuthFilter.isPublic("/docs/swagger-ui.css"));
        assertFalse(AuthFilter.isPublic("workloads"));
    }

    @Test
    public void errorResponsesUseTheOneErrorShapeWhereTheyApply() {
        Set<String> props = new TreeSet<>();
        doc.at("/components/schemas/ErrorBody/properties").fieldNames().forEachRemaining(props::add);
        Set<String> components = new TreeSet<>();
        Arrays.stream(ErrorBody.class.getRecordComponents()).map(RecordComponent::getName).forEach(components::add);
        assertEquals("the ErrorBody schema is the error record", components, props);
        assertTrue(props.containsAll(Set.of("status", "error", "field")));

        documented().forEach((key, op) -> {
            JsonNode responses = op.path("responses");
            boolean open = op.has("security") && op.path("security").isEmpty();
            for (Iterator<String> codes = responses.fieldNames(); codes.hasNext();) {
                String code = codes.next();
                if (code.startsWith("4")) {
                    assertEquals(key + " " + code, "#/components/schemas/ErrorBody",
                            responses.at("/" + code + "/content/application~1json/schema/$ref").asText());
                }
            }
            if (!open) {
                assertTrue(key + " documents 401", responses.has("401"));
                assertTrue(key + " documents 403", responses.has("403"));
            }
            if (key.contains("{")) {
                assertTrue(key + " documents 404", responses.has("404"));
            }
            if (op.has("requestBody")) {
                assertTrue(key + " documents 400", responses.has("400"));
            }
            assertTrue(key + " documents a success", responses.has("200") || responses.has("201") || responses.has("204"));
        });
        Map<String, JsonNode> ops = documented();
        assertTrue(ops.get("DELETE /workloads/{id}").path("responses").has("409"));
        assertTrue(ops.get("POST /workloads").path("responses").has("413"));
        assertTrue(ops.get("POST /workloads").path("responses").has("400"));
        assertTrue(ops.get("POST /agent/join").path("responses").has("401"));
        assertTrue("the last admin token, or one already revoked", ops.get("DELETE /tokens/{id}").path("responses").has("409"));
        assertTrue("200 live streams at most", ops.get("GET /events").path("responses").has("429"));
    }

    /**
     * The listings answer a plain array, or with limit or cursor a page envelope; the document says both
     * (anyOf), names the X-Next-Cursor header, and documents the filters and paging parameters.
     */
    @Test
    public void listingsDocumentBothTheirAnswersAndTheirParameters() {
        Map<String, JsonNode> ops = documented();
        Map<String, String> envelopes = Map.of("GET /workloads", "WorkloadPage", "GET /members", "MemberPage", "GET /credits", "CreditBalancePage");
        envelopes.forEach((key, envelope) -> {
            JsonNode op = ops.get(key);
            JsonNode anyOf = op.at("/responses/200/content/application~1json/schema/anyOf");
            List<String> branches = new ArrayList<>();
            anyOf.forEach(b -> branches.add(b.has("$ref") ? b.path("$ref").asText() : b.path("type").asText()));
            assertTrue(key + " answers a plain array or " + envelope + ": " + anyOf,
                    branches.contains("array") && branches.contains("#/components/schemas/" + envelope));
            assertTrue(key + " names the header of a cut plain array", op.at("/responses/200/headers").has(Paging.NEXT_HEADER));
            Set<String> params = new TreeSet<>();
            op.path("parameters").forEach(p -> params.add(p.path("name").asText()));
            assertTrue(key + " documents limit and cursor: " + params, params.containsAll(Set.of("limit", "cursor")));
            JsonNode limit = param(op, "limit");
            assertEquals(key + " limit", "integer", limit.at("/schema/type").asText());
            assertEquals(key + " limit", 1000, limit.at("/schema/maximum").asInt());
            assertFalse(key + " limit is described", limit.path("description").asText().isBlank());
        });
        for (String key : List.of("GET /workloads", "GET /members")) {
            Set<String> params = new TreeSet<>();
            ops.get(key).path("parameters").forEach(p -> params.add(p.path("name").asText()));
            assertTrue(key + " documents its filters: " + params, params.containsAll(Set.of("state", "search")));
            assertTrue(key + " lists the states it accepts", param(ops.get(key), "state").at("/schema/enum").size() >= 4);
        }
        assertEquals("#/components/schemas/AttemptPage",
                ops.get("GET /members/{id}/attempts").at("/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/MemberListItem",
                doc.at("/components/schemas/MemberPage/properties/items/items/$ref").asText());
        assertEquals("string", ops.get("GET /events").at("/responses/200/content/text~1event-stream/schema/type").asText());
        assertFalse("the SSE stream answers no JSON", ops.get("GET /events").at("/responses/200/content").has("application/json"));
    }

    /** Every envelope of the document has exactly the properties of the {@link org.sharercloud.api.Page} the resources answer. */
    @Test
    public void pageEnvelopesAreExactlyPage() {
        Set<String> page = new TreeSet<>();
        Arrays.stream(org.sharercloud.api.Page.class.getRecordComponents()).map(RecordComponent::getName).forEach(page::add);
        for (Class<?> c : PageSchemas.class.getClasses()) {
            if (!c.isRecord()) {
                continue;
            }
            Set<String> props = new TreeSet<>();
            doc.at("/components/schemas/" + c.getSimpleName() + "/properties").fieldNames().forEachRemaining(props::add);
            assertEquals(c.getSimpleName() + " = Page's components", page, props);
        }
    }

    /** A parameter of an operation, by name. */
    private static JsonNode param(JsonNode op, String name) {
        for (JsonNode p : op.path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + op.path("operationId").asText());
    }

    @Test
    public void bodiesAndResultsHaveTheirSchemas() {
        Map<String, JsonNode> ops = documented();
        assertEquals("#/components/schemas/WorkloadRequest", ops.get("POST /workloads").at("/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Workload", ops.get("POST /workloads").at("/responses/201/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/WorkloadView", ops.get("GET /workloads/{id}").at("/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("string", ops.get("GET /workloads/{id}/logs").at("/responses/200/content/text~1plain/schema/type").asText());
        assertEquals("binary", ops.get("GET /workloads/{id}/outputs").at("/responses/200/content/application~1x-tar/schema/format").asText());
        assertEquals("#/components/schemas/Health", ops.get("GET /health").at("/responses/503/content/application~1json/schema/$ref").asText());
        JsonNode members = doc.at("/components/schemas/MemberListItem");
        // anyOf, not oneOf: a MemberRow also validates as a Worker (the requestor's view is a subset)
        assertEquals("MemberRow or Worker", 2, members.path("anyOf").size());
        assertFalse("an anyOf has no type of its own: " + members, members.has("type"));
        assertTrue("a MemberRow is a Member with its allocation", doc.at("/components/schemas/MemberRow/properties").has("allocated")
                && doc.at("/components/schemas/MemberRow/properties").has("runtimes"));
        for (String name : List.of("Workload", "WorkloadSpec", "Attempt", "Member", "Reservation", "CreditStatement", "IssuedToken", "JoinToken")) {
            assertTrue(name + " schema", doc.at("/components/schemas/" + name + "/properties").size() > 0);
        }
    }
}
