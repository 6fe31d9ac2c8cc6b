package org.sharercloud.workloads.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.agent.StopAttempt;
import org.sharercloud.api.workloads.WorkloadEvents;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.workloads.internal.store.Db;
import org.sharercloud.workloads.internal.store.Repositories;
import org.sharercloud.testing.TestStores;

/** The engine's transaction discipline: effects follow a commit, never a rollback; the package stands on its own. */
public class EngineTest {
    private StoreComponent store;
    private Engine engine;
    private final List<String> topics = new CopyOnWriteArrayList<>();

    @Before
    public void open() throws Exception {
        store = TestStores.create("engine");
        engine = new Engine(new Db(store), Repositories.create(), Clock.systemUTC(), 30_000, () -> new EngineConfig(1.0, 1024));
        engine.setNotifier((topic, props) -> topics.add(topic));
    }

    @After
    public void close() {
        engine.close();
        TestStores.drop(store);
    }

    @Test
    public void aCommittedChangeIsAppliedAfterTheCommit() {
        String result = engine.mutate((c, ch) -> {
            ch.put("m1", new StopAttempt("a1", 1, "test"));
            ch.state("w1", WorkloadState.RUNNING);
            ch.trigger();
            assertTrue("nothing is announced before the commit", topics.isEmpty());
            assertFalse(engine.outbox().contains("m1", ItemKey.stop("a1")));
            return "done";
        });
        assertEquals("done", result);
        assertTrue(engine.outbox().contains("m1", ItemKey.stop("a1")));
        assertTrue(topics.contains(WorkloadEvents.STATE_CHANGED));
        engine.mutate((c, ch) -> {
            ch.remove("m1", ItemKey.stop("a1"));
            return null;
        });
        assertFalse("removed by its typed key", engine.outbox().contains("m1", ItemKey.stop("a1")));
    }

    @Test
    public void aRolledBackChangeAnnouncesNothing() {
        long seen = engine.signal().version();
        try {
            engine.mutate((c, ch) -> {
                ch.put("m1", new ReleaseWorker("r1"));
                ch.state("w1", WorkloadState.FAILED);
                ch.trigger();
                throw ApiException.conflict("refused");
            });
            fail("the refusal reaches the caller");
        } catch (ApiException e) {
            assertEquals(409, e.status());
        }
        assertFalse(engine.outbox().contains("m1", ItemKey.release("r1")));
        assertTrue("no event for a change that did not happen", topics.isEmpty());
        assertEquals("no reader woken", seen, engine.signal().version());
    }

    @Test
    public void keysNameEveryAgentMessageAndNothingElse() {
        assertEquals(ItemKey.stop("a1"), ItemKey.of(new StopAttempt("a1", 3, "why")));
        assertEquals(ItemKey.release("r1"), ItemKey.of(new ReleaseWorker("r1")));
        try {
            ItemKey.of("start:a1");
            fail("a string is not an outbox item");
        } catch (IllegalArgumentException expected) {
            // typed keys only
        }
    }

    @Test
    public void theEnginePackageImportsNothingFromTheModuleRoot() throws IOException {
        Pattern root = Pattern.compile("^import (static )?org\\.sharercloud\\.workloads\\.internal\\.[A-Z]", Pattern.MULTILINE);
        Path engineSources = Path.of("src/main/java/org/sharercloud/workloads/internal/engine");
        try (Stream<Path> files = Files.list(engineSources)) {
            List<String> offenders = files.filter(p -> {
                try {
                    return root.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(p -> p.getFileName().toString()).toList();
            assertTrue("engine classes importing org.sharercloud.workloads.internal: " + offenders, offenders.isEmpty());
        }
        assertTrue(Files.exists(engineSources.resolve("Lifecycle.java")));
    }
}
