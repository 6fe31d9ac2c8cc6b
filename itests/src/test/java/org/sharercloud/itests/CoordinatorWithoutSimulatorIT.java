package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The coordinator distribution with the optional simulator left out the documented way (Karaf's features
 * processing: {@code sharer-simulator} blacklisted in {@code etc/org.apache.karaf.features.xml} before the
 * first start): every module runs, health is UP, and {@code sharer:simulate} says the simulator is not
 * installed instead of failing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoordinatorWithoutSimulatorIT {
    private static final int HTTP = 18183;
    private static final int SSH = 18103;

    @Inject
    BundleContext context;

    private final Http http = new Http(HTTP);

    @Configuration
    public Option[] config() {
        Option[] base = Exam.distribution("org.sharercloud", "sharer-coordinator", Exam.version(), HTTP, SSH);
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = replaceConfigurationFile("etc/org.apache.karaf.features.xml", blacklist());
        return all;
    }

    private static File blacklist() {
        try {
            Path f = Path.of("target", "without-simulator", "org.apache.karaf.features.xml");
            Files.createDirectories(f.getParent());
            Files.writeString(f, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <featuresProcessing xmlns="http://karaf.apache.org/xmlns/features-processing/v1.0.0">
                        <blacklistedFeatures>
                            <feature>sharer-simulator</feature>
                        </blacklistedFeatures>
                    </featuresProcessing>
                    """);
            return f.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void everyModuleRunsAndSimulateSaysTheSimulatorIsNotInstalled() throws Exception {
        Set<String> expected = new TreeSet<>(java.util.List.of("org.sharercloud.api", "org.sharercloud.store",
                "org.sharercloud.members", "org.sharercloud.workloads", "org.sharercloud.scheduler", "org.sharercloud.forecast",
                "org.sharercloud.monitoring", "org.sharercloud.runtime", "org.sharercloud.portal"));
        Wait.until(60_000, "every module bundle ACTIVE, no simulator", () -> ours().equals(expected), () -> ours().toString());
        Wait.until(60_000, "health 200 with every module UP", () -> http.get("/api/v1/health", null).status() == 200,
                () -> http.get("/api/v1/health", null).body());
        Path pw = Path.of(System.getProperty("karaf.data"), "sharer", "console.password");
        Wait.until(30_000, "console password file", () -> Files.exists(pw));
        String out = CoordinatorIT.client(SSH, "sharer:simulate --members 20 --max-tasks 100", Files.readString(pw).strip());
        assertTrue(out, out.contains("Error: the simulator is not installed"));
        assertFalse(out, out.contains("Exception"));
        assertEquals(expected, ours());
        assertFalse("no simulator bundle installed at all",
                Arrays.stream(context.getBundles()).anyMatch(b -> b.getSymbolicName().equals("org.sharercloud.simulator")));
    }

    /** Our bundles that are ACTIVE. */
    private Set<String> ours() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().startsWith("org.sharercloud."))
                .filter(b -> b.getState() == Bundle.ACTIVE).map(Bundle::getSymbolicName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
