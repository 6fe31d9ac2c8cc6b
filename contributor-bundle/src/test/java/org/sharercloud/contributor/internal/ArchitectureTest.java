package org.sharercloud.contributor.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;

import org.junit.Test;
import org.sharercloud.testing.HouseRules;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/** No package cycles, nothing of another module but api and timers, implementation under internal (docs/CONVENTIONS.md). */
public class ArchitectureTest {
    @Test
    public void holdsTheHouseRules() {
        HouseRules.check("contributor");
    }

    /** The agent speaks the agent protocol (api.agent) and knows nothing of the coordinator's workloads API. */
    @Test
    public void usesTheAgentProtocolNotTheWorkloadsApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.sharercloud.api.workloads..")
                .because("the contributor talks to the coordinator through org.sharercloud.api.agent only (issue 10 §5)")
                .check(new ClassFileImporter().importPath(Path.of(System.getProperty("basedir", "."), "target", "classes")));
    }
}
