package org.sharercloud.scheduler.internal.loop;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

/** Members running the unsandboxed process runtime only take workloads that explicitly accept it. */
public class UnisolatedMembersTest {
    private static final Map<String, String> PROCESS = Map.of("runtime.process", "true", "os", "linux");
    private static final Map<String, String> DOCKER = Map.of("docker", "true", "os", "linux");

    @Test
    public void aWorkloadWithoutTheConstraintNeverLandsOnAProcessMember() {
        assertFalse(CandidatePool.labelsMatch(PROCESS, Map.of()));
        assertFalse(CandidatePool.labelsMatch(PROCESS, Map.of("os", "linux")));
        assertTrue(CandidatePool.labelsMatch(DOCKER, Map.of()));
    }

    @Test
    public void aWorkloadThatAcceptsItMayLandThere() {
        assertTrue(CandidatePool.labelsMatch(PROCESS, Map.of("runtime.process", "true")));
        assertFalse("it still needs a process member", CandidatePool.labelsMatch(DOCKER, Map.of("runtime.process", "true")));
    }
}
