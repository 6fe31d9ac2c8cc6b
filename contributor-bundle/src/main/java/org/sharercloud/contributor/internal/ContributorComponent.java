package org.sharercloud.contributor.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.contributor.internal.exec.Execution;
import org.sharercloud.contributor.internal.exec.RuntimeLabels;
import org.sharercloud.contributor.internal.exec.RuntimeRegistry;
import org.sharercloud.contributor.internal.host.ExcludedProcesses;
import org.sharercloud.contributor.internal.host.HostProbe;
import org.sharercloud.contributor.internal.host.OshiHostProbe;
import org.sharercloud.contributor.internal.host.OwnCpu;
import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.IdentityStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contributor agent as a DS component configured by PID {@code org.sharercloud.contributor}: builds the
 * settings (environment over configuration), the identity store under {@code ${karaf.data}/sharer} and the
 * OSHI probe, then runs the {@link Agent} loop (join, heartbeats) and the {@link Execution} side (assignments
 * long-poll, runs through the {@link WorkloadRuntime} each attempt names, reserved workers) until deactivated. The
 * runtimes are a dynamic reference: those named by {@code runtime} are offered (and advertised) while present. It waits for its configuration (the
 * feature ships the file), so it does not start twice while Karaf is installing the file at first boot. A
 * configuration change re-activates it, so the next heartbeat announces the new policy. It offers no
 * service and listens on nothing.
 */
@Component(configurationPid = ContributorConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = ContributorConfig.class)
public class ContributorComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ContributorComponent.class);

    private final RuntimeRegistry runtimes;
    private final Agent agent;
    private final Execution execution;

    @Activate
    public ContributorComponent(ContributorConfig config) throws Exception {
        AgentSettings settings;
        try {
            settings = AgentSettings.from(config, System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("Contributor agent not started: {}. Fix it in etc/org.sharercloud.contributor.cfg (or the SHARER_* "
                    + "environment variables); the agent restarts when the file changes.", e.getMessage());
            throw e;
        }
        Path data = Path.of(System.getProperty("karaf.data", "data")).toAbsolutePath();
        IdentityStore store = new IdentityStore(data.resolve("sharer"), Path.of("/etc/machine-id"));
        this.runtimes = new RuntimeRegistry(settings.runtimes());
        OwnCpu ours = new OwnCpu(List.of(OwnCpu.single("jvm", OshiHostProbe::jvmCpuNanos), this::runtimesCpu,
                new ExcludedProcesses(settings.excludeProcesses(), System::nanoTime)));
        HostProbe probe = new RuntimeLabels(new OshiHostProbe(store.machineId(), data, settings.dockerHost(), ours, settings.labels()),
                runtimes, settings.dockerHost());
        String unsafe = AgentSettings.plainTextWarning(settings.coordinator());
        if (unsafe != null) {
            LOG.warn("SECURITY WARNING: {}", unsafe);
            // also on the console (bin/karaf, or karaf.out under bin/start), where a volunteer looks first
            System.err.println("SECURITY WARNING: " + unsafe);
        }
        CoordinatorClient client = new CoordinatorClient(settings.coordinator(), settings.trust());
        this.agent = new Agent(settings, store, probe, client, backoff(settings), 1000);
        this.execution = new Execution(settings.budget(probe), settings.retryMax(), agent::identity, runtimes, client, backoff(settings), 30, 1000);
        execution.runs().usageInterval(java.time.Duration.ofSeconds(Math.max(1, config.usage_seconds())));
        LOG.info("Contributor agent starting: coordinator {} ({}), machine id {}, runtimes offered {} (Docker engine at {})",
                settings.coordinator(), settings.trust().describe(settings.coordinator()), store.machineId(), String.join(", ", settings.runtimes()), settings.dockerHost());
        agent.start();
        execution.start();
    }

    /** What each runtime present runs (its own counter, keyed by the runtime instance): our work, not the owner's. */
    private void runtimesCpu(BiConsumer<Object, Long> out) {
        for (WorkloadRuntime rt : runtimes.present()) {
            out.accept(rt, rt.cpuNanos());
        }
    }

    private static Backoff backoff(AgentSettings settings) {
        return new Backoff(java.time.Duration.ofSeconds(1), settings.retryMax(), () -> ThreadLocalRandom.current().nextDouble());
    }

    @Reference(service = WorkloadRuntime.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRuntime(WorkloadRuntime runtime, Map<String, Object> properties) {
        runtimes.add(String.valueOf(properties.get(WorkloadRuntime.NAME)), runtime);
    }

    void removeRuntime(WorkloadRuntime runtime, Map<String, Object> properties) {
        runtimes.remove(String.valueOf(properties.get(WorkloadRuntime.NAME)), runtime);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        execution.stop();
        agent.stop();
        LOG.info("Contributor agent stopped");
    }
}
