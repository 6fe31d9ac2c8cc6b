package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
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
 * Each Sharer Cloud feature installs alone in a plain Apache Karaf and leaves every bundle active
 * (CONVENTIONS.md habit 6). One container boot is shared (boots are the slow part of the build):
 * before each install no Sharer Cloud bundle is present, and each test uninstalls its feature and
 * checks that its bundles are gone again. The build's karaf:verify goal resolves each feature alone
 * against a bare framework as well.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeaturesIT {
    @Inject
    FeaturesService features;

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        Option[] base = Exam.distribution("org.apache.karaf", "apache-karaf", System.getProperty("karaf.version", "4.4.10"), 18182, 18102);
        Option[] all = Arrays.copyOf(base, base.length + 2);
        all[base.length] = editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099");
        all[base.length + 1] = editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44445");
        return all;
    }

    private void installsAlone(String feature) throws Exception {
        installsAlone(feature, () -> { });
    }

    private void installsAlone(String feature, Runnable whileInstalled) throws Exception {
        URI repo = URI.create("mvn:org.sharercloud/sharer-features/" + Exam.version() + "/xml/features");
        if (features.getRepository(repo) == null) {
            features.addRepository(repo);
        }
        assertEquals("no Sharer Cloud bundle before installing " + feature, List.of(), ours());
        try {
            installAndCheck(feature);
            whileInstalled.run();
        } finally {
            features.uninstallFeature(feature, EnumSet.of(FeaturesService.Option.Verbose));
        }
        Wait.until(60_000, "bundles of " + feature + " gone after uninstall", () -> ours().isEmpty(), () -> ours().toString());
    }

    private List<String> ours() {
        return Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
                .filter(n -> n.startsWith("org.sharercloud.")).sorted().collect(Collectors.toList());
    }

    private void installAndCheck(String feature) throws Exception {
        features.installFeature(feature, EnumSet.of(FeaturesService.Option.Verbose));
        assertTrue(feature + " installed", features.isInstalled(features.getFeature(feature)));
        Wait.until(60_000, "every bundle ACTIVE after installing " + feature, () -> notActive().isEmpty(), () -> notActive().toString());
        List<String> ours = ours();
        for (String expected : expectedBundles(feature)) {
            assertTrue(feature + " brings " + expected + " (has " + ours + ")", ours.contains(expected));
        }
    }

    private List<String> notActive() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE)
                .map(b -> b.getSymbolicName() + "=" + b.getState()).collect(Collectors.toList());
    }

    private static List<String> expectedBundles(String feature) {
        String module = feature.substring("sharer-".length());
        return switch (module) {
            case "cxf", "json" -> List.of();
            case "api" -> List.of("org.sharercloud.api");
            case "coordinator" -> List.of("org.sharercloud.api", "org.sharercloud.store", "org.sharercloud.members",
                    "org.sharercloud.workloads", "org.sharercloud.forecast", "org.sharercloud.scheduler",
                    "org.sharercloud.simulator", "org.sharercloud.monitoring", "org.sharercloud.runtime", "org.sharercloud.portal");
            default -> List.of("org.sharercloud.api", "org.sharercloud." + module);
        };
    }

    @Test
    public void cxf() throws Exception {
        installsAlone("sharer-cxf");
    }

    @Test
    public void json() throws Exception {
        installsAlone("sharer-json");
    }

    @Test
    public void api() throws Exception {
        installsAlone("sharer-api");
    }

    @Test
    public void store() throws Exception {
        installsAlone("sharer-store");
    }

    @Test
    public void members() throws Exception {
        installsAlone("sharer-members");
    }

    @Test
    public void workloads() throws Exception {
        installsAlone("sharer-workloads");
    }

    @Test
    public void forecast() throws Exception {
        installsAlone("sharer-forecast");
    }

    @Test
    public void scheduler() throws Exception {
        installsAlone("sharer-scheduler");
    }

    @Test
    public void monitoring() throws Exception {
        installsAlone("sharer-monitoring");
    }

    @Test
    public void runtime() throws Exception {
        installsAlone("sharer-runtime");
    }

    @Test
    public void portal() throws Exception {
        installsAlone("sharer-portal");
    }

    @Test
    public void simulator() throws Exception {
        installsAlone("sharer-simulator", () -> {
            Wait.until(30_000, "SimulationService registered by the simulator alone",
                    () -> registered(SIMULATION));
            assertEquals("the simulator carries the scheduler's strategies as private classes and registers none of them",
                    List.of(), strategyNames());
        });
    }

    @Test
    public void coordinator() throws Exception {
        installsAlone("sharer-coordinator", () -> {
            Wait.until(30_000, "four strategies registered", () -> strategyNames().size() >= 4, () -> strategyNames().toString());
            assertEquals("each built-in strategy registered once (by the scheduler, not again by the simulator)",
                    List.of("binpack", "first-fit", "forecast", "spread"), strategyNames());
            assertTrue("SimulationService registered", registered(SIMULATION));
        });
    }

    // By name, through getAllServiceReferences: the probe must never wire to the api bundle, which each test installs
    // and uninstalls (getServiceReference(s) checks class-space assignability, which wires the probe's dynamic import,
    // and the uninstall's refresh would then take the probe down).
    private static final String SIMULATION = "org.sharercloud.api.scheduler.SimulationService";
    private static final String STRATEGY = "org.sharercloud.api.scheduler.PlacementStrategy";

    private boolean registered(String service) {
        try {
            return context.getAllServiceReferences(service, null) != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the registered placement strategies, sorted, duplicates kept. */
    private List<String> strategyNames() {
        try {
            org.osgi.framework.ServiceReference<?>[] refs = context.getAllServiceReferences(STRATEGY, null);
            return refs == null ? List.of() : Arrays.stream(refs).map(r -> String.valueOf(r.getProperty("name")))
                    .sorted().collect(Collectors.toList());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void contributor() throws Exception {
        installsAlone("sharer-contributor", () -> {
            assertEquals("the contributor brings no web server", 0,
                    Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().contains("jetty")).count());
            assertEquals("the contributor brings no database", 0,
                    Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().contains("derby")
                            || b.getSymbolicName().equals("org.sharercloud.store")).count());
        });
    }
}
