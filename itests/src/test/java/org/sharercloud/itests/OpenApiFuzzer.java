package org.sharercloud.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of bad requests driven by the OpenAPI document: for each input it picks an operation, fills
 * its path and query parameters with plausible, wrong-typed, oversized or hostile values, builds a body from the
 * operation's schema and then breaks it (fields dropped, types swapped, unknown fields, extreme numbers, deep
 * nesting, huge strings, truncated or non-JSON bytes, a wrong Content-Type). Input {@code i} of seed {@code s}
 * is always the same request, whatever the order they are sent in.
 */
final class OpenApiFuzzer {
    /** One generated request. */
    record Input(long index, String operationId, String method, String path, String token, String contentType, byte[] body,
            boolean chunked) {
        String describe() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return "#" + index + " " + operationId + " " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                    + " token=" + (token == null || token.length() < 40 ? token : token.substring(0, 40) + "…(" + token.length() + ")") + " type=" + contentType + " body(" + (body == null ? 0 : body.length) + ")=" + b;
        }
    }

    /** One operation of the document. */
    record Operation(String id, String method, String template, List<JsonNode> parameters, JsonNode bodySchema) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTILE = {"", " ", "null", "undefined", "-1", "0", "1e309", "NaN", "Infinity", "true", "[]", "{}",
        "' OR '1'='1", "\"; DROP TABLE wl_workload; --", "../../../../etc/passwd", "%00", "%2e%2e%2f", "\u0000", "\u202e\u0000\uffff",
        "日本語", "😀", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "a\r\nX-Injected: 1", "9223372036854775808",
        "-9223372036854775809", "2147483648", "P1000000000D", "PT-1S", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "auto",
        "RUNNING", "PENDING", "ONLINE", "CORDONED", "admin", "REQUESTOR", "MEMBER", "busybox", "sharer/busybox:test"};
    private static final long[] INTS = {0, 1, -1, 2, 3, 50, 100, 250, 1000, 1001, 64_000, 64_001, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_296L};
    private static final String[] NUMBERS = {"0", "-0.0", "0.5", "1", "-1", "1e308", "-1e308", "1e-320", "1e400", "-1e400",
        "123456789012345678901234567890", "3.4028235e38", "4.9e-324"};

    private final List<Operation> operations = new ArrayList<>();
    private final JsonNode schemas;
    private final long seed;
    private final Map<String, String> tokens;
    private final Map<String, List<String>> knownIds;
    private final int bodyCap;
    private final int joinCap;

    /**
     * @param document the OpenAPI document
     * @param tokens   bearer tokens by kind ("admin", "requestor", "member"); "none" and garbage ones are added
     * @param knownIds ids that exist, by path segment ("workloads", "members", "reservations"), used in non-DELETE paths
     */
    OpenApiFuzzer(JsonNode document, long seed, Map<String, String> tokens, Map<String, List<String>> knownIds, int bodyCap, int joinCap) {
        this.schemas = document.path("components").path("schemas");
        this.seed = seed;
        this.tokens = tokens;
        this.knownIds = knownIds;
        this.bodyCap = bodyCap;
        this.joinCap = joinCap;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> o = ops.next();
                String id = o.getValue().path("operationId").asText();
                if (id.equals("streamEvents")) {
                    continue; // a stream that stays open for 10 minutes: its bad input (a bad token) is the access tests'
                }
                List<JsonNode> params = new ArrayList<>();
                o.getValue().path("parameters").forEach(params::add);
                JsonNode body = null;
                for (JsonNode c : o.getValue().path("requestBody").path("content")) {
                    body = c.path("schema");
                }
                operations.add(new Operation(id, o.getKey().toUpperCase(), p.getKey(), params, body));
            }
        }
    }

    List<Operation> operations() {
        return operations;
    }

    Input input(long index) {
        Random r = new Random(seed * 1_000_003L + index);
        Operation op = operations.get(r.nextInt(operations.size()));
        String path = path(r, op);
        String query = query(r, op);
        String token = token(r);
        String type = "application/json";
        byte[] body = null;
        boolean chunked = false;
        if (op.bodySchema() != null || r.nextInt(20) == 0) {
            int kind = r.nextInt(1000);
            if (kind < 3) { // oversized: just above the path's cap, declared or chunked
                int cap = op.id().equals("agentJoin") ? joinCap : bodyCap;
                body = oversized(r, cap + 1 + r.nextInt(1024));
                chunked = r.nextBoolean();
            } else if (kind < 60) {
                body = raw(r, op);
            } else {
                JsonNode tree = op.bodySchema() == null ? F.objectNode().put("x", 1) : value(r, op.bodySchema(), 0);
                if (op.id().equals("agentJoin") && tree instanceof ObjectNode o && tokens.containsKey("join") && r.nextBoolean()) {
                    o.put("joinToken", tokens.get("join")); // the real token: the request gets past it to the host's checks
                }
                int mutations = r.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    tree = mutate(r, tree, 0);
                }
                body = tree.toString().getBytes(StandardCharsets.UTF_8);
            }
            int t = r.nextInt(50);
            type = t == 0 ? null : t == 1 ? "text/plain" : t == 2 ? "application/xml" : t == 3 ? "application/json; charset=latin1"
                    : t == 4 ? "multipart/form-data; boundary=x" : "application/json";
        }
        return new Input(index, op.id(), op.method(), "/api/v1" + path + query, token, type, body, chunked);
    }

    // ---- parameters ----------------------------------------------------------------------------------

    private String path(Random r, Operation op) {
        String p = op.template();
        int open;
        while ((open = p.indexOf('{')) >= 0) {
            int close = p.indexOf('}', open);
            String segment = p.substring(1, p.indexOf('/', 1) < 0 ? p.length() : p.indexOf('/', 1));
            List<String> ids = knownIds.getOrDefault(segment, List.of());
            String v;
            if (!op.method().equals("DELETE") && !ids.isEmpty() && r.nextInt(3) == 0) {
                v = ids.get(r.nextInt(ids.size())); // a real one: the request gets past "not found" to its other checks
            } else {
                v = encode(hostile(r));
                if (v.isEmpty()) {
                    v = "x";
                }
            }
            p = p.substring(0, open) + v + p.substring(close + 1);
        }
        return p;
    }

    private String query(Random r, Operation op) {
        StringBuilder q = new StringBuilder();
        for (JsonNode param : op.parameters()) {
            if (!"query".equals(param.path("in").asText()) || r.nextInt(3) == 0) {
                continue;
            }
            String name = param.path("name").asText();
            String v;
            if (name.equals("follow") || name.equals("waitSeconds")) {
                // a valid follow or wait holds the request open by design; only the bad values are this test's
                v = r.nextBoolean() ? "0" : hostile(r);
                if (v.matches("[1-9].*|true|tRuE")) {
                    v = "0";
                }
            } else {
                String type = param.path("schema").path("type").asText();
                int k = r.nextInt(4);
                v = k == 0 && type.equals("integer") ? Long.toString(INTS[r.nextInt(INTS.length)])
                        : k == 1 ? "x".repeat(1 + r.nextInt(r.nextInt(10) == 0 ? 20_000 : 50)) : hostile(r);
            }
            q.append(q.length() == 0 ? '?' : '&').append(r.nextInt(30) == 0 ? encode(hostile(r)) : name).append('=').append(encode(v));
        }
        if (r.nextInt(40) == 0) {
            q.append(q.length() == 0 ? '?' : '&').append("limit=-5&limit=9999999999&cursor=%25ZZ");
        }
        return q.toString();
    }

    private String token(Random r) {
        int t = r.nextInt(20);
        return switch (t) {
            case 0 -> null;
            case 1 -> "garbage";
            case 2 -> "x".repeat(10_000);
            case 3 -> "m." + hostile(r);
            case 4, 5, 6, 7, 8 -> tokens.get("requestor");
            case 9, 10, 11 -> tokens.get("member");
            default -> tokens.get("admin");
        };
    }

    private static String hostile(Random r) {
        int k = r.nextInt(10);
        if (k == 0) {
            return "a".repeat(1 + r.nextInt(5000));
        }
        if (k == 1) {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(20); i > 0; i--) {
                sb.append((char) r.nextInt(0x3000));
            }
            return sb.toString();
        }
        return HOSTILE[r.nextInt(HOSTILE.length)];
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- bodies ---------------------------------------------------------------------------------------

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 5 && s.has("$ref"); i++) {
            String ref = s.path("$ref").asText();
            s = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return s;
    }

    /** A value of the schema's shape, with plausible contents (valid or nearly so). */
    JsonNode value(Random r, JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        for (String alt : List.of("oneOf", "anyOf")) {
            if (s.has(alt) && s.path(alt).size() > 0) {
                return value(r, s.path(alt).get(r.nextInt(s.path(alt).size())), depth);
            }
        }
        if (depth > 6) {
            return F.nullNode();
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode o = F.objectNode();
                if (s.has("properties")) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> p = it.next();
                        if (r.nextInt(10) < 7) {
                            o.set(p.getKey(), value(r, p.getValue(), depth + 1));
                        }
                    }
                } else if (s.has("additionalProperties")) {
                    for (int i = r.nextInt(4); i > 0; i--) {
                        o.set(hostile(r), value(r, s.path("additionalProperties"), depth + 1));
                    }
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(r.nextInt(8) == 0 ? 50 : 4); i > 0; i--) {
                    a.add(value(r, s.path("items"), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return F.numberNode(r.nextInt(3) == 0 ? INTS[r.nextInt(INTS.length)] : r.nextInt(200));
            }
            case "number" -> {
                return r.nextInt(3) == 0 ? number(NUMBERS[r.nextInt(NUMBERS.length)]) : F.numberNode(r.nextGaussian() * 10);
            }
            case "boolean" -> {
                return F.booleanNode(r.nextBoolean());
            }
            default -> {
                return "byte".equals(s.path("format").asText()) ? F.textNode(java.util.Base64.getEncoder().encodeToString(new byte[r.nextInt(64)]))
                        : F.textNode(hostile(r));
            }
        }
    }

    private static JsonNode number(String literal) {
        try {
            return JSON.readTree(literal);
        } catch (Exception e) {
            return F.textNode(literal);
        }
    }

    /** One structural mutation somewhere in the tree. */
    private JsonNode mutate(Random r, JsonNode node, int depth) {
        if (node instanceof ObjectNode o && o.size() > 0 && r.nextInt(3) > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(4)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(hostile(r), replacement(r));
                default -> o.set(name, r.nextBoolean() ? replacement(r) : mutate(r, o.get(name), depth + 1));
            }
            return o;
        }
        if (node instanceof ArrayNode a && a.size() > 0 && r.nextBoolean()) {
            int i = r.nextInt(a.size());
            a.set(i, mutate(r, a.get(i), depth + 1));
            return a;
        }
        return replacement(r);
    }

    private JsonNode replacement(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> F.nullNode();
            case 1 -> F.numberNode(INTS[r.nextInt(INTS.length)]);
            case 2 -> number(NUMBERS[r.nextInt(NUMBERS.length)]);
            case 3 -> F.textNode(hostile(r));
            case 4 -> F.booleanNode(r.nextBoolean());
            case 5 -> F.arrayNode().add(hostile(r)).add(F.objectNode());
            case 6 -> {
                ObjectNode o = F.objectNode();
                o.put(hostile(r), hostile(r));
                yield o;
            }
            case 7 -> nested(r, 20 + r.nextInt(r.nextInt(5) == 0 ? 900 : 40)); // Jackson writes at most 1,000 levels; deeper ones are raw()
            default -> F.textNode("s".repeat(r.nextInt(8) == 0 ? 2 * 1024 * 1024 + r.nextInt(1000) : r.nextInt(100_000)));
        };
    }

    private static JsonNode nested(Random r, int depth) {
        JsonNode n = F.textNode("deep");
        for (int i = 0; i < depth; i++) {
            n = r.nextBoolean() ? F.arrayNode().add(n) : F.objectNode().set("d", n);
        }
        return n;
    }

    /** Bytes that are not the JSON of the schema at all. */
    private byte[] raw(Random r, Operation op) {
        String valid = op.bodySchema() == null ? "{}" : value(r, op.bodySchema(), 0).toString();
        return switch (r.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> valid.substring(0, r.nextInt(valid.length() + 1)).getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                byte[] b = new byte[r.nextInt(2000)];
                r.nextBytes(b);
                yield b;
            }
            case 3 -> "{\"cpuMillis\":NaN,\"cpuSeconds\":Infinity,\"x\":-Infinity}".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"a\":1,\"a\":2," + valid.substring(1)).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
            case 6 -> (r.nextBoolean() ? "[".repeat(100_000) : "{\"values\":[1,2],\"model\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case 7 -> valid.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
            case 8 -> new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}; // invalid UTF-8
            default -> (valid + valid).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] oversized(Random r, int size) {
        byte[] b = new byte[size];
        byte[] head = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(b, (byte) 'x');
        System.arraycopy(head, 0, b, 0, head.length);
        b[size - 2] = '"';
        b[size - 1] = '}';
        return b;
    }
}
