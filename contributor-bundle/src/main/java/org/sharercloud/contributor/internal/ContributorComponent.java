package org.sharercloud.contributor.internal;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.contributor.internal.host.CgroupCpu;
import org.sharercloud.contributor.internal.host.OshiHostProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contributor agent as a DS component configured by PID {@code org.sharercloud.contributor}: builds the
 * settings (environment over configuration), the identity store under {@code ${karaf.data}/sharer} and the
 * OSHI probe, then runs the {@link Agent} loop until deactivated. It waits for its configuration (the
 * feature ships the file), so it does not start twice while Karaf is installing the file at first boot. A
 * configuration change re-activates it, so the next heartbeat announces the new policy. It offers no
 * service and listens on nothing.
 */
@Component(name = "org.sharercloud.contributor", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = ContributorConfig.class)
public class ContributorComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ContributorComponent.class);

    private final Agent agent;

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
        OshiHostProbe probe = new OshiHostProbe(store.machineId(), data, settings.dockerSocket(),
                new CgroupCpu(Path.of("/sys/fs/cgroup"), settings.workloadCgroup()), settings.labels());
        Backoff backoff = new Backoff(java.time.Duration.ofSeconds(1), settings.retryMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.agent = new Agent(settings, store, probe, new CoordinatorClient(settings.coordinator()), backoff, 1000);
        LOG.info("Contributor agent starting: coordinator {}, machine id {}", settings.coordinator(), store.machineId());
        agent.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        agent.stop();
        LOG.info("Contributor agent stopped");
    }
}
