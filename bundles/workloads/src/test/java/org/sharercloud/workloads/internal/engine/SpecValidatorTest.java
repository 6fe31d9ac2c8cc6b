package org.sharercloud.workloads.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;

public class SpecValidatorTest {
    private final SpecValidator v = new SpecValidator(4096, 1024);

    private static WorkloadSpec spec(String image, List<String> cmd, Map<String, String> env, Integer cpu, Integer mem,
            Integer timeout, Integer replicas, Integer retries, Map<String, String> inputs, Integer priority) {
        return new WorkloadSpec(null, image, cmd, env, cpu, mem, timeout, replicas, retries, inputs, null, priority, null);
    }

    private static WorkloadSpec ok() {
        return WorkloadSpec.job("busybox:1.36", List.of("echo", "hi"));
    }

    private ApiException refused(WorkloadSpec s, int status, String field) {
        try {
            v.validate(s);
        } catch (ApiException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(e.getMessage(), field, e.field());
            return e;
        }
        fail("accepted " + s);
        return null;
    }

    @Test
    public void fillsDefaults() {
        WorkloadSpec s = v.validate(ok());
        assertEquals("busybox", s.name());
        assertEquals("a quarter core: fits a 2-core volunteer sharing half", 250, (int) s.cpuMillis());
        assertEquals("docker", s.runtime());
        assertEquals(256, (int) s.memoryMb());
        assertEquals(3600, (int) s.timeoutSeconds());
        assertEquals(1, (int) s.replicas());
        assertEquals(2, (int) s.maxRetries());
        assertEquals(0, (int) s.priority());
        assertSame(WorkloadKind.JOB, s.kind());
        assertTrue(s.env().isEmpty() && s.inputs().isEmpty() && s.constraints().isEmpty());
    }

    @Test
    public void imageReferenceSyntax() {
        for (String good : List.of("busybox", "busybox:1.36", "library/busybox:latest", "registry.local:5000/team/app:v1.2-rc",
                "ghcr.io/org/img@sha256:" + "a".repeat(64), "sharer-test/busybox:1")) {
            assertEquals(good, v.validate(WorkloadSpec.job(good, List.of("true"))).image());
        }
        for (String bad : List.of("", " ", "Busybox", "busybox:", "bad image", "busybox:tag:tag", "-x", "a//b", "img@sha256:short")) {
            ApiException e = refused(WorkloadSpec.job(bad, List.of("true")), 400, "image");
            assertTrue(e.getMessage(), bad.isBlank() ? e.getMessage().contains("required") : e.getMessage().contains("not a valid image reference"));
        }
    }

    @Test
    public void cpuMemoryTimeoutReplicasRetriesPriorityBounds() {
        assertEquals("cpu must be between 1 and 64000 millicores",
                refused(spec("busybox", List.of("true"), null, 0, null, null, null, null, null, null), 400, "cpuMillis").getMessage());
        refused(spec("busybox", List.of("true"), null, 64001, null, null, null, null, null, null), 400, "cpuMillis");
        refused(spec("busybox", List.of("true"), null, null, 15, null, null, null, null, null), 400, "memoryMb");
        refused(spec("busybox", List.of("true"), null, null, 262145, null, null, null, null, null), 400, "memoryMb");
        refused(spec("busybox", List.of("true"), null, null, null, 0, null, null, null, null), 400, "timeoutSeconds");
        refused(spec("busybox", List.of("true"), null, null, null, 604801, null, null, null, null), 400, "timeoutSeconds");
        refused(spec("busybox", List.of("true"), null, null, null, null, 0, null, null, null), 400, "replicas");
        refused(spec("busybox", List.of("true"), null, null, null, null, 101, null, null, null), 400, "replicas");
        refused(spec("busybox", List.of("true"), null, null, null, null, null, -1, null, null), 400, "maxRetries");
        refused(spec("busybox", List.of("true"), null, null, null, null, null, 11, null, null), 400, "maxRetries");
        refused(spec("busybox", List.of("true"), null, null, null, null, null, null, null, 1001), 400, "priority");
        WorkloadSpec edge = v.validate(spec("busybox", List.of("true"), null, 64000, 16, 604800, 100, 0, null, 1000));
        assertEquals(64000, (int) edge.cpuMillis());
        assertEquals(0, (int) edge.maxRetries());
    }

    @Test
    public void commandAndEnv() {
        refused(WorkloadSpec.job("busybox", List.of()), 400, "command");
        refused(WorkloadSpec.job("busybox", null), 400, "command");
        refused(WorkloadSpec.job("busybox", List.of(" ", "x")), 400, "command");
        for (String name : List.of("1ABC", "A-B", "", "A B", "Ä")) {
            Map<String, String> env = new HashMap<>();
            env.put(name, "v");
            ApiException e = refused(spec("busybox", List.of("true"), env, null, null, null, null, null, null, null), 400, "env");
            assertTrue(e.getMessage(), e.getMessage().contains("env name"));
        }
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("OK", null);
        refused(spec("busybox", List.of("true"), nullValue, null, null, null, null, null, null, null), 400, "env");
        assertEquals("v", v.validate(spec("busybox", List.of("true"), Map.of("_A1", "v"), null, null, null, null, null, null, null))
                .env().get("_A1"));
    }

    @Test
    public void inputsNamesAndSizeCapAndTotalSize() {
        for (String name : List.of("../x", "/etc/passwd", "a/../../b", "..", "a b")) {
            refused(spec("busybox", List.of("true"), null, null, null, null, null, null, Map.of(name, "x"), null), 400, "inputs");
        }
        assertEquals("x", v.validate(spec("busybox", List.of("true"), null, null, null, null, null, null, Map.of("data/in.txt", "x"),
                null)).inputs().get("data/in.txt"));
        ApiException tooBig = refused(spec("busybox", List.of("true"), null, null, null, null, null, null,
                Map.of("big", "x".repeat(1025)), null), 413, "inputs");
        assertTrue(tooBig.getMessage().contains("1024"));
        ApiException spec = refused(spec("busybox", List.of("echo", "y".repeat(5000)), null, null, null, null, null, null, null, null),
                413, null);
        assertTrue(spec.getMessage(), spec.getMessage().contains("4096"));
    }

    @Test
    public void nameDefaultsToImageAndIsChecked() {
        assertEquals("app", v.validate(WorkloadSpec.job("reg:5000/team/app:1@sha256:" + "b".repeat(64), List.of("x"))).name());
        WorkloadSpec bad = new WorkloadSpec("x".repeat(101), "busybox", List.of("true"), null, null, null, null, null, null, null,
                null, null, null);
        refused(bad, 400, "name");
        assertNull(refusedOrNull(new WorkloadSpec("ok", "busybox", List.of("true"), null, null, null, null, null, null, null,
                Map.of("os", "linux"), null, WorkloadKind.SERVICE)));
    }

    private ApiException refusedOrNull(WorkloadSpec s) {
        try {
            v.validate(s);
            return null;
        } catch (ApiException e) {
            return e;
        }
    }

    @Test
    public void reportsEveryBadFieldAtOnceTheFirstAsErrorAndField() {
        WorkloadSpec bad = new WorkloadSpec("", "busybox", List.of("true"), null, -5, 8, null, null, null, null, null, null, null);
        ApiException e = refused(bad, 400, "name");
        assertEquals("name must not be empty (leave it out to use the image's name)", e.getMessage());
        assertEquals(List.of(new org.sharercloud.api.FieldError("name", "name must not be empty (leave it out to use the image's name)"),
                new org.sharercloud.api.FieldError("cpuMillis", "cpu must be between 1 and 64000 millicores"),
                new org.sharercloud.api.FieldError("memoryMb", "memory must be between 16 and 262144 MB")), e.errors());
        ApiException one = refused(spec("busybox", List.of(), null, null, null, null, null, null, null, null), 400, "command");
        assertEquals(1, one.errors().size());
        ApiException tooBigAndBad = refused(new WorkloadSpec(null, "busybox", List.of("true"), null, 0, null, null, null, null,
                Map.of("big", "x".repeat(1025)), null, null, null), 400, "cpuMillis");
        assertEquals("a 413 waits until the 400s are fixed", 1, tooBigAndBad.errors().size());
    }

    @Test
    public void runtimeIsDockerOrProcessAndProcessNeedsNoImage() {
        assertEquals("process", v.validate(new WorkloadSpec(null, null, List.of("sh", "-c", "echo hi"), null, null, null, null, null,
                null, null, null, null, null, null, "process")).runtime());
        WorkloadSpec proc = v.validate(new WorkloadSpec(null, null, List.of("/bin/sh", "-c", "echo hi"), null, null, null, null, null,
                null, null, null, null, null, null, "process"));
        assertEquals("", proc.image());
        assertEquals("sh", proc.name());
        ApiException e = refused(new WorkloadSpec(null, "busybox", List.of("true"), null, null, null, null, null, null, null, null,
                null, null, null, "kvm"), 400, "runtime");
        assertTrue(e.getMessage(), e.getMessage().contains("docker") && e.getMessage().contains("'kvm'"));
        refused(new WorkloadSpec(null, null, List.of("true"), null, null, null, null, null, null, null, null, null, null, null,
                "docker"), 400, "image");
        assertEquals("the old way of asking for the process runtime still works", "process", v.validate(new WorkloadSpec(null,
                "busybox", List.of("true"), null, null, null, null, null, null, null, Map.of("runtime.process", "true"), null,
                null)).runtime());
    }
}
