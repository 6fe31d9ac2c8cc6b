package org.sharercloud.contributor.internal.link;


import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.SharingPolicy;

import com.fasterxml.jackson.databind.JsonNode;

/** The requests' JSON has exactly the api records' fields, so the coordinator reads them as those records. */
public class JsonShapeTest {
    static final HostInfo HOST = new HostInfo("mid", "box", "Debian 12", "amd64", 8, 16000, 50000, true,
            Map.of("os", "linux", "gpu", "none"));
    static final SharingPolicy POLICY = new SharingPolicy(0.5, 8000, "0-24", true, 0.6);
    static final HostMetrics METRICS = new HostMetrics(0.25, 0.1, 4000, 16000, 50000, 3600);

    @Test
    public void joinRequestHasTheRecordsFields() throws Exception {
        JsonNode json = tree(new JoinRequest("jt", "box", HOST, POLICY));
        assertFields(JoinRequest.class, json);
        assertFields(HostInfo.class, json.get("host"));
        assertFields(SharingPolicy.class, json.get("policy"));
        assertEquals("jt", json.get("joinToken").asText());
        assertEquals(8, json.get("host").get("cores").asInt());
        assertTrue(json.get("host").get("dockerAvailable").isBoolean());
        assertEquals("none", json.get("host").get("labels").get("gpu").asText());
        assertEquals(0.6, json.get("policy").get("ownerActiveThreshold").asDouble(), 0);
    }

    @Test
    public void heartbeatCarriesMetricsAndNullsWhenNothingChanged() throws Exception {
        JsonNode json = tree(new Heartbeat(METRICS, null, null));
        assertFields(Heartbeat.class, json);
        assertFields(HostMetrics.class, json.get("metrics"));
        assertTrue("host is sent as null", json.get("host").isNull());
        assertTrue("policy is sent as null", json.get("policy").isNull());
        assertEquals(0.25, json.get("metrics").get("cpuLoad").asDouble(), 0);

        JsonNode full = tree(new Heartbeat(METRICS, HOST, POLICY));
        assertFields(HostInfo.class, full.get("host"));
        assertEquals(HOST, Json.MAPPER.treeToValue(full.get("host"), HostInfo.class));
    }

    @Test
    public void runtimesTravelAsTheContractSaysAndOldShapesStillRead() throws Exception {
        HostInfo h = new HostInfo("mid", "box", "Debian 12", "amd64", 8, 16000, 50000, false, Map.of(), Map.of(
                "docker", org.sharercloud.api.members.RuntimeStatus.unavailable("no reachable Docker engine at unix:///var/run/docker.sock"),
                "process", org.sharercloud.api.members.RuntimeStatus.ok()));
        JsonNode json = tree(h);
        assertEquals(false, json.get("runtimes").get("docker").get("available").asBoolean());
        assertEquals("no reachable Docker engine at unix:///var/run/docker.sock", json.get("runtimes").get("docker").get("detail").asText());
        assertTrue(json.get("runtimes").get("process").get("available").asBoolean());
        assertTrue(json.get("runtimes").get("process").get("detail").isNull());
        assertEquals(h, Json.MAPPER.treeToValue(json, HostInfo.class));
        HostInfo old = Json.MAPPER.readValue("{\"machineId\":\"m\",\"hostname\":\"h\",\"os\":\"o\",\"arch\":\"a\",\"cores\":1,"
                + "\"memoryMb\":1,\"diskMb\":1,\"dockerAvailable\":true,\"labels\":{}}", HostInfo.class);
        assertTrue("an older agent's host: docker from dockerAvailable", old.runs("docker"));
        org.sharercloud.api.agent.StartAttempt start = Json.MAPPER.readValue("{\"attemptId\":\"a\",\"workloadId\":\"w\","
                + "\"replica\":0,\"fencingToken\":1,\"image\":\"i\",\"command\":[\"true\"],\"env\":{},\"cpuMillis\":1,"
                + "\"memoryMb\":16,\"timeoutSeconds\":1,\"inputs\":{},\"maxOutputBytes\":0}", org.sharercloud.api.agent.StartAttempt.class);
        assertEquals("an older coordinator names no runtime", null, start.runtime());
    }

    @Test
    public void answersAreReadEvenWithExtraFields() throws Exception {
        JoinResult joined = Json.MAPPER.readValue(
                "{\"memberId\":\"m-1\",\"credential\":\"c\",\"heartbeatSeconds\":5,\"extra\":1}", JoinResult.class);
        assertEquals(new JoinResult("m-1", "c", 5), joined);
        HeartbeatAck ack = Json.MAPPER.readValue(
                "{\"memberId\":\"m-1\",\"state\":\"ONLINE\",\"heartbeatSeconds\":7,\"since\":\"x\"}", HeartbeatAck.class);
        assertEquals(new HeartbeatAck("m-1", "ONLINE", 7), ack);
    }

    @Test
    public void errorBodiesAreSummarised() {
        assertEquals("cores must be positive (field host.cores)", CoordinatorClient.errorMessage(
                "{\"status\":400,\"error\":\"cores must be positive\",\"field\":\"host.cores\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Bad Gateway", CoordinatorClient.errorMessage("Bad Gateway".getBytes(StandardCharsets.UTF_8)));
        assertEquals("no details", CoordinatorClient.errorMessage(new byte[0]));
    }

    private static JsonNode tree(Object value) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
    }

    private static void assertFields(Class<? extends Record> type, JsonNode json) {
        Set<String> expected = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
        Set<String> actual = new HashSet<>();
        json.fieldNames().forEachRemaining(actual::add);
        assertEquals(type.getSimpleName() + " fields", expected, actual);
    }
}
