package org.sharercloud.contributor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.contributor.internal.host.HostProbe;
import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.IdentityStore;
import org.sharercloud.contributor.internal.link.MemberIdentity;

import com.fasterxml.jackson.databind.JsonNode;

/** The agent against a fake coordinator on 127.0.0.1; one coordinator "second" lasts 20 ms here. */
public class AgentTest {
    private static final long SECOND_MILLIS = 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FakeCoordinator coordinator;
    private final List<Agent> agents = new ArrayList<>();
    private Path dir;

    @Before
    public void setUp() throws Exception {
        coordinator = new FakeCoordinator();
        coordinator.tokens.put("jt-good", 201);
        coordinator.tokens.put("jt-expired", 403);
        dir = tmp.getRoot().toPath().resolve("data/sharer");
    }

    @After
    public void tearDown() throws Exception {
        for (Agent a : agents) {
            a.stop();
        }
        coordinator.close();
    }

    @Test
    public void joinsThenHeartbeatsAnnouncingTheHostOnce() throws Exception {
        Agent agent = start("jt-good");
        await(() -> coordinator.beats.size() >= 4, "four heartbeats");

        assertEquals(1, coordinator.joins.size());
        JsonNode join = coordinator.joins.get(0);
        assertEquals("jt-good", join.get("joinToken").asText());
        assertEquals("box-1", join.get("name").asText());
        assertEquals(store().machineId(), join.get("host").get("machineId").asText());
        assertEquals(0.5, join.get("policy").get("maxCpuShare").asDouble(), 0);

        MemberIdentity me = store().load(URI.create(coordinator.url())).orElseThrow();
        assertEquals(me, agent.identity());
        List<FakeCoordinator.Beat> beats = coordinator.beats;
        assertTrue("every heartbeat carries the credential", beats.stream().allMatch(b -> b.credential().equals(me.credential())));
        assertFalse("first heartbeat announces the host", beats.get(0).body().get("host").isNull());
        assertFalse("first heartbeat announces the policy", beats.get(0).body().get("policy").isNull());
        assertTrue("unchanged host is not repeated", beats.get(1).body().get("host").isNull());
        assertTrue(beats.get(2).body().get("policy").isNull());
        assertEquals(0.25, beats.get(3).body().get("metrics").get("cpuLoad").asDouble(), 0);
    }

    @Test
    public void forgottenMemberJoinsAgainAsANewMember() throws Exception {
        Agent agent = start("jt-good");
        await(() -> coordinator.beats.size() >= 2, "two heartbeats");
        MemberIdentity first = agent.identity();

        coordinator.forgetAllMembers();
        await(() -> coordinator.joins.size() == 2 && agent.identity() != null
                && !agent.identity().credential().equals(first.credential()), "a second join");
        MemberIdentity second = agent.identity();
        await(() -> coordinator.beats.stream().filter(b -> b.credential().equals(second.credential())).count() >= 2,
                "heartbeats after the re-join");

        assertEquals(second, store().load(URI.create(coordinator.url())).orElseThrow());
        assertTrue("the forgotten credential is not offered", coordinator.joins.get(1).path("credential").isNull()
                || coordinator.joins.get(1).path("credential").isMissingNode());
        assertNotEquals("the coordinator no longer knew it: a new member", first.memberId(), second.memberId());
        FakeCoordinator.Beat afterRejoin = coordinator.beats.stream()
                .filter(b -> b.credential().equals(second.credential())).findFirst().orElseThrow();
        assertFalse("the host is announced again after a re-join", afterRejoin.body().get("host").isNull());
    }

    @Test
    public void anIdentitySavedForTheSameHostOnAnotherPortIsProvenAtJoinAndKeepsTheMemberId() throws Exception {
        Agent first = start("jt-good");
        await(() -> coordinator.beats.size() >= 1, "a heartbeat");
        MemberIdentity before = first.identity();
        first.stop();
        agents.remove(first);
        // the same coordinator now reached on another port (say, https): the saved identity is not resumed as is
        URI moved = URI.create("http://127.0.0.1:1");
        store().save(new MemberIdentity(before.memberId(), before.credential(), moved));
        start("jt-good");
        await(() -> coordinator.joins.size() == 2, "a second join");
        assertEquals(before.credential(), coordinator.joins.get(1).path("credential").asText());
        await(() -> saved().isPresent(), "the new identity saved");
        assertEquals("proven: the same member", before.memberId(), saved().orElseThrow().memberId());
    }

    @Test
    public void coordinatorDownThenBackResumesTheSameIdentity() throws Exception {
        Agent agent = start("jt-good");
        await(() -> coordinator.beats.size() >= 2, "two heartbeats");
        MemberIdentity me = agent.identity();

        coordinator.stop();
        Thread.sleep(300); // several refused connections, each followed by a backoff
        int before = coordinator.beats.size();
        coordinator.restart();
        await(() -> coordinator.beats.size() >= before + 2, "heartbeats after the coordinator came back");

        assertTrue(agent.running());
        assertEquals("no re-join after an outage", 1, coordinator.joins.size());
        assertEquals(me, agent.identity());
        FakeCoordinator.Beat resumed = coordinator.beats.get(before);
        assertEquals(me.credential(), resumed.credential());
        assertFalse("the host is announced again after an outage", resumed.body().get("host").isNull());
    }

    @Test
    public void unavailableCoordinatorIsRetriedWithGrowingWaits() throws Exception {
        coordinator.unavailable = true;
        long started = System.nanoTime();
        Agent agent = start("jt-good");
        await(() -> coordinator.unavailableAnswers.get() >= 5, "five attempts");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        // With the midpoint jitter of this test the four waits are at least 12+22+42+52 ms.
        assertTrue("five attempts took only " + elapsedMillis + " ms: a tight loop", elapsedMillis >= 100);
        assertTrue(agent.running());
        assertTrue(agent.identity() == null);

        coordinator.unavailable = false;
        await(() -> coordinator.beats.size() >= 1, "a heartbeat once the coordinator is available");
        assertEquals(1, coordinator.beats.stream().map(FakeCoordinator.Beat::credential).distinct().count());
    }

    @Test
    public void restartedAgentResumesWithoutJoining() throws Exception {
        Agent first = start("jt-good");
        await(() -> coordinator.beats.size() >= 1, "a heartbeat");
        MemberIdentity me = first.identity();
        first.stop();
        int before = coordinator.beats.size();

        Agent second = start("jt-good");
        await(() -> coordinator.beats.size() >= before + 1, "a heartbeat from the restarted agent");
        assertEquals(1, coordinator.joins.size());
        assertEquals(me, second.identity());
        assertEquals(me.credential(), coordinator.beats.get(before).credential());
    }

    @Test
    public void refusedJoinTokenStopsTheAgent() throws Exception {
        Agent unknown = start("jt-unknown");
        await(() -> !unknown.running(), "the agent to stop on 401");
        Agent expired = start("jt-expired");
        await(() -> !expired.running(), "the agent to stop on 403");
        assertEquals(2, coordinator.joins.size());
        assertTrue(coordinator.beats.isEmpty());
        assertTrue(store().load(URI.create(coordinator.url())).isEmpty());
    }

    @Test
    public void noJoinTokenStopsWithoutCallingTheCoordinator() throws Exception {
        Agent agent = start("");
        await(() -> !agent.running(), "the agent to stop");
        assertTrue(coordinator.joins.isEmpty());
    }

    private java.util.Optional<MemberIdentity> saved() {
        try {
            return store().load(URI.create(coordinator.url()));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    private IdentityStore store() {
        return new IdentityStore(dir, tmp.getRoot().toPath().resolve("no-machine-id"));
    }

    private Agent start(String token) throws Exception {
        TestConfig c = new TestConfig();
        c.url = coordinator.url();
        c.token = token;
        c.name = "box-1";
        AgentSettings settings = AgentSettings.from(c.config(), Map.of());
        IdentityStore store = store();
        Agent agent = new Agent(settings, store, new FixedProbe(store.machineId()), new CoordinatorClient(settings.coordinator()),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 0.5), SECOND_MILLIS);
        agents.add(agent);
        agent.start();
        return agent;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after 15 s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A probe with a fixed host and fixed loads. */
    static final class FixedProbe implements HostProbe {
        final AtomicInteger samples = new AtomicInteger();
        private final HostInfo host;

        FixedProbe(String machineId) {
            this.host = new HostInfo(machineId, "box-1", "Linux 6", "amd64", 4, 8192, 100_000, false, Map.of("os", "linux"));
        }

        @Override
        public HostInfo host() {
            return host;
        }

        @Override
        public HostMetrics sample() {
            samples.incrementAndGet();
            return new HostMetrics(0.25, 0.1, 2048, 8192, 100_000, 1000);
        }
    }
}
