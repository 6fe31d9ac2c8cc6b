package org.sharercloud.contributor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;
import java.util.function.Consumer;

import org.junit.Test;
import org.sharercloud.api.members.SharingPolicy;

public class AgentSettingsTest {

    @Test
    public void configurationIsUsedWhenTheEnvironmentIsSilent() {
        TestConfig c = new TestConfig();
        c.url = "https://coord.example:8443/";
        c.token = "jt-123";
        c.labels = "gpu=none, zone=home,ssd";
        AgentSettings s = AgentSettings.from(c.config(), Map.of());
        assertEquals("https://coord.example:8443", s.coordinator().toString());
        assertEquals("jt-123", s.joinToken());
        assertEquals(Map.of("gpu", "none", "zone", "home", "ssd", "true"), s.labels());
        assertEquals(60, s.retryMax().toSeconds());
    }

    @Test
    public void environmentOverridesUrlAndToken() {
        TestConfig c = new TestConfig();
        c.url = "http://127.0.0.1:8181";
        c.token = "from-file";
        AgentSettings s = AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_URL, "http://127.0.0.1:9999",
                AgentSettings.ENV_TOKEN, "from-env"));
        assertEquals("http://127.0.0.1:9999", s.coordinator().toString());
        assertEquals("from-env", s.joinToken());
    }

    @Test
    public void blankEnvironmentDoesNotOverride() {
        TestConfig c = new TestConfig();
        c.token = "from-file";
        AgentSettings s = AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_URL, "  ", AgentSettings.ENV_TOKEN, ""));
        assertEquals("http://127.0.0.1:8181", s.coordinator().toString());
        assertEquals("from-file", s.joinToken());
    }

    @Test
    public void policyResolvesHalfTheMemoryAndCapsAtTheMachine() {
        TestConfig c = new TestConfig();
        c.cpuShare = 0.25;
        c.hours = "22-7";
        AgentSettings s = AgentSettings.from(c.config(), Map.of());
        assertEquals("the hysteresis travels in the policy", new SharingPolicy(0.25, 4096, "22-7", true, 0.6, 15, 30, 0.1), s.policy(8192));
        c.memoryMb = 100_000;
        assertEquals(8192, AgentSettings.from(c.config(), Map.of()).policy(8192).maxMemoryMb());
    }

    @Test
    public void badValuesAreRefusedNamingTheProperty() {
        refused("coordinator.url", c -> c.url = "ftp://x");
        refused("coordinator.url", c -> c.url = "not a url");
        refused("coordinator.url", c -> c.url = "");
        refused("coordinator.url", c -> c.url = "http://127.0.0.1:8181/?a=b");
        refused("join.token", c -> c.token = "has space");
        refused("max.cpu.share", c -> c.cpuShare = 1.5);
        refused("max.cpu.share", c -> c.cpuShare = 0);
        refused("max.cpu.share", c -> c.cpuShare = Double.NaN);
        refused("max.memory.mb", c -> c.memoryMb = -1);
        refused("sharing.hours", c -> c.hours = "9to5");
        refused("sharing.hours", c -> c.hours = "0-25");
        refused("owner.active.threshold", c -> c.threshold = 2);
        refused("owner.active.seconds", c -> c.activeSeconds = -1);
        refused("owner.idle.seconds", c -> c.idleSeconds = 3601);
        refused("owner.idle.margin", c -> c.idleMargin = -0.1);
        refused("owner.idle.margin", c -> c.idleMargin = 0.6);
        refused("exclude.processes", c -> c.exclude = "12,ab");
        refused("exclude.processes", c -> c.exclude = "0");
        refused("exclude.processes", c -> c.exclude = "bad\ttab");
        refused("exclude.processes", c -> c.exclude = "cgroup:../../etc");
        refused("labels", c -> c.labels = "bad key=1");
        refused("labels", c -> c.labels = "k=" + "v".repeat(64));
        refused("retry.max.seconds", c -> c.retryMax = 0);
        refused("name", c -> c.name = "n".repeat(64));
        refused("runtime", c -> c.runtime = "docker,Bad Name");
        refused("runtime", c -> c.runtime = " , ");
        refused("docker.socket", c -> c.socket = "http://127.0.0.1:2375");
    }

    @Test
    public void runtimesAreAListAndDockerHostWinsOverTheSocket() {
        TestConfig c = new TestConfig();
        assertEquals(java.util.List.of("docker"), AgentSettings.from(c.config(), Map.of()).runtimes());
        c.runtime = "docker, process,docker";
        assertEquals(java.util.List.of("docker", "process"), AgentSettings.from(c.config(), Map.of()).runtimes());
        c.runtime = "";
        assertEquals("empty: both", java.util.List.of("docker", "process"), AgentSettings.from(c.config(), Map.of()).runtimes());
        assertEquals("unix:///var/run/docker.sock", AgentSettings.from(c.config(), Map.of()).dockerHost());
        c.socket = "/run/user/1000/docker.sock";
        assertEquals("unix:///run/user/1000/docker.sock", AgentSettings.from(c.config(), Map.of()).dockerHost());
        assertEquals("unix:///tmp/missing.sock",
                AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_DOCKER_HOST, "unix:///tmp/missing.sock")).dockerHost());
        assertEquals("tcp://127.0.0.1:2375", AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_DOCKER_HOST, "tcp://127.0.0.1:2375")).dockerHost());
        assertEquals("blank is not set", "unix:///run/user/1000/docker.sock",
                AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_DOCKER_HOST, " ")).dockerHost());
        try {
            AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_DOCKER_HOST, "ssh://somewhere"));
            fail("ssh accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("DOCKER_HOST:"));
        }
    }

    @Test
    public void excludedProcessesArePidsPidFilesOrCommandLineTexts() {
        TestConfig c = new TestConfig();
        c.exclude = " 4242, /opt/sharer-coordinator/karaf.pid ,, karaf.base=/opt/sharer-coordinator, cgroup:system.slice/x.service ";
        assertEquals(java.util.List.of("4242", "/opt/sharer-coordinator/karaf.pid", "karaf.base=/opt/sharer-coordinator",
                "cgroup:system.slice/x.service"),
                AgentSettings.from(c.config(), Map.of()).excludeProcesses());
        c.exclude = "";
        assertTrue(AgentSettings.from(c.config(), Map.of()).excludeProcesses().isEmpty());
    }

    @Test
    public void aPinOrATrustStoreWithPlainHttpIsRefusedAndTheEnvironmentsPinWins() {
        TestConfig c = new TestConfig();
        c.url = "http://coordinator.example:8181";
        c.pin = "AB".repeat(32);
        try {
            AgentSettings.from(c.config(), Map.of());
            fail("a pin with plain http was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("coordinator.pin: set, but coordinator.url http://coordinator.example:8181 is plain http"));
        }
        c.pin = "";
        c.truststore = "etc/ca.pem";
        try {
            AgentSettings.from(c.config(), Map.of());
            fail("a trust store with plain http was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("coordinator.truststore: set, but"));
        }
        c.truststore = "";
        c.url = "https://coordinator.example:8443";
        assertEquals("TLS, certificate checked against the JDK's trust store",
                AgentSettings.from(c.config(), Map.of()).trust().describe(java.net.URI.create(c.url)));
        AgentSettings pinned = AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_PIN, "cd".repeat(32)));
        assertEquals("TLS, pinned to SHA-256 " + "CD".repeat(32), pinned.trust().describe(pinned.coordinator()));
        try {
            AgentSettings.from(c.config(), Map.of(AgentSettings.ENV_PIN, "not-a-fingerprint"));
            fail("a bad pin was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("coordinator.pin: 'not-a-fingerprint' is not a SHA-256 fingerprint"));
        }
    }

    @Test
    public void badEnvironmentIsRefusedToo() {
        try {
            AgentSettings.from(new TestConfig().config(), Map.of(AgentSettings.ENV_URL, "127.0.0.1:8181"));
            fail("a URL without scheme was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("coordinator.url:"));
        }
    }

    @Test
    public void shippedConfigFileMatchesTheConfigurationTypeAndIsValid() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("sharer.contributor.cfg",
                "../features/src/main/cfg/org.sharercloud.contributor.cfg"));
        java.util.Properties cfg = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(file)) {
            cfg.load(in);
        }
        java.util.Set<String> attributes = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : ContributorConfig.class.getDeclaredMethods()) {
            attributes.add(m.getName().replace('_', '.'));
        }
        assertEquals("every attribute is documented in the shipped file, and nothing else",
                attributes, new java.util.TreeSet<>(cfg.stringPropertyNames()));

        TestConfig c = new TestConfig();
        c.url = cfg.getProperty("coordinator.url");
        c.token = cfg.getProperty("join.token");
        c.cpuShare = Double.parseDouble(cfg.getProperty("max.cpu.share"));
        c.hours = cfg.getProperty("sharing.hours");
        c.threshold = Double.parseDouble(cfg.getProperty("owner.active.threshold"));
        c.labels = cfg.getProperty("labels");
        c.activeSeconds = Integer.parseInt(cfg.getProperty("owner.active.seconds"));
        c.idleSeconds = Integer.parseInt(cfg.getProperty("owner.idle.seconds"));
        c.idleMargin = Double.parseDouble(cfg.getProperty("owner.idle.margin"));
        c.exclude = cfg.getProperty("exclude.processes");
        c.retryMax = Integer.parseInt(cfg.getProperty("retry.max.seconds"));
        AgentSettings s = AgentSettings.from(c.config(), Map.of());
        assertEquals("", s.joinToken());
    }

    private static void refused(String property, Consumer<TestConfig> change) {
        TestConfig c = new TestConfig();
        change.accept(c);
        try {
            AgentSettings.from(c.config(), Map.of());
            fail(property + " was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(property + ":"));
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    public void plainHttpToAnotherMachineIsWarnedAboutAndLoopbackOrHttpsIsNot() {
        org.junit.Assert.assertNotNull(AgentSettings.plainTextWarning(java.net.URI.create("http://coordinator.example:8181")));
        org.junit.Assert.assertNotNull(AgentSettings.plainTextWarning(java.net.URI.create("http://10.0.0.5:8181")));
        for (String ok : new String[] {"http://127.0.0.1:8181", "http://localhost:8181", "http://[::1]:8181", "https://coordinator.example"}) {
            org.junit.Assert.assertNull(ok, AgentSettings.plainTextWarning(java.net.URI.create(ok)));
        }
    }
}
