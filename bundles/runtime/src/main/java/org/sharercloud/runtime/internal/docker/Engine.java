package org.sharercloud.runtime.internal.docker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.runtime.internal.WorkDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

/** The Docker engine as this runtime uses it: one client, the labels, images, kill and remove. */
final class Engine implements AutoCloseable {
    static final String LABEL_KIND = "org.sharercloud.kind";
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    final DockerConfig config;
    final String dockerHost;
    final DockerClient client;
    final Path workBase;
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, threads("sharer-docker-timer"));
    final ExecutorService tasks = Executors.newCachedThreadPool(threads("sharer-docker-run"));
    private volatile boolean parentResolved;
    private volatile String parent;
    private volatile CgroupCpu parentCpu;
    private volatile long resolveTriedAt;
    private static final long RESOLVE_RETRY_NANOS = 30_000_000_000L;

    Engine(DockerConfig config) {
        this(config, System.getenv("DOCKER_HOST"));
    }

    /** @param dockerHostEnv the environment's {@code DOCKER_HOST}, which wins over the configured address when set */
    Engine(DockerConfig config, String dockerHostEnv) {
        this.config = config;
        this.dockerHost = host(config.dockerHost(), dockerHostEnv);
        DockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).build();
        this.client = DockerClientImpl.getInstance(clientConfig, new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost)).sslConfig(clientConfig.getSSLConfig())
                .maxConnections(128).connectionTimeout(Duration.ofSeconds(5)).build());
        this.workBase = config.workDir().isBlank()
                ? Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "sharer", "runtime", "docker")
                : Path.of(config.workDir());
    }

    /** The engine's address: {@code DOCKER_HOST} when set, as for the docker command, else the configured one. */
    static String host(String configured, String env) {
        return env != null && !env.isBlank() ? env.strip() : configured;
    }

    boolean ping() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The {@code --cgroup-parent} of this runtime's containers ({@code null}: the engine's default), resolved once
     * from the configuration or else the engine's cgroup driver; {@code null} and retried later while the engine
     * does not answer.
     */
    String cgroupParent() {
        if (parentResolved) {
            return parent;
        }
        synchronized (this) {
            if (parentResolved) {
                return parent;
            }
            String driver = null;
            if (config.cgroupParent().isBlank()) {
                try {
                    driver = client.infoCmd().exec().getCGroupDriver();
                } catch (RuntimeException e) {
                    return null;
                }
            }
            parent = CgroupCpu.parent(config.cgroupParent(), driver);
            parentCpu = parent == null || !config.dockerHost().startsWith("unix://") ? null
                    : new CgroupCpu(CGROUP_ROOT, CgroupCpu.relativePath(parent));
            parentResolved = true;
            LOG.info("containers run under cgroup parent {}{}", parent == null ? "(the engine's default)" : parent,
                    parentCpu == null ? "; their CPU cannot be told from the machine owner's" : "");
            return parent;
        }
    }

    /**
     * CPU nanoseconds used by everything under {@link #cgroupParent()}, or -1 when not measurable here (a remote
     * engine, no cgroup parent, the engine not answering yet: asked again at most every 30 s, so a heartbeat that
     * samples this never waits on it).
     */
    long cpuNanos() {
        if (!config.dockerHost().startsWith("unix://")) {
            return -1;
        }
        if (!parentResolved) {
            long now = System.nanoTime();
            if (resolveTriedAt != 0 && now - resolveTriedAt < RESOLVE_RETRY_NANOS) {
                return -1;
            }
            resolveTriedAt = now;
            cgroupParent();
        }
        CgroupCpu cpu = parentCpu;
        return cpu == null ? -1 : cpu.nanos();
    }

    Map<String, String> labels(String id, String kind) {
        return Map.of(WorkloadRuntime.LABEL_ATTEMPT, id, WorkloadRuntime.LABEL_OWNER, config.owner(), LABEL_KIND, kind);
    }

    /** Uses the local image, pulling it only when absent. */
    void ensureImage(String image) throws ImageUnavailableException {
        String refused = ImageGate.refusal(config, image);
        if (refused != null) {
            throw new ImageUnavailableException(refused);
        }
        try {
            refused = ImageGate.localRefusal(config, image, client.inspectImageCmd(image).exec().getRepoDigests());
            if (refused != null) {
                throw new ImageUnavailableException(refused);
            }
            return;
        } catch (NotFoundException absent) {
            LOG.info("image {} is not present locally; pulling it", image);
        }
        refused = ImageGate.resolvedRefusal(image);
        if (refused != null) {
            throw new ImageUnavailableException(refused);
        }
        try {
            // an empty AuthConfig: never the agent user's registry credentials (~/.docker/config.json)
            boolean done = client.pullImageCmd(image).withAuthConfig(new com.github.dockerjava.api.model.AuthConfig())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(config.pullTimeoutSeconds(), TimeUnit.SECONDS);
            if (!done) {
                throw new ImageUnavailableException(image, "the pull took longer than " + config.pullTimeoutSeconds() + " s");
            }
            client.inspectImageCmd(image).exec();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException(image, "interrupted");
        } catch (RuntimeException e) {
            throw new ImageUnavailableException(image, e.getMessage() == null ? e.toString() : e.getMessage().strip());
        }
    }

    private volatile boolean pauseImageReady;

    /** Makes sure the holder image of {@link OutputVolume} is in the engine (imported offline once). */
    void ensurePauseImage() {
        if (!pauseImageReady) {
            synchronized (this) {
                if (!pauseImageReady) {
                    PauseImage.ensure(client);
                    pauseImageReady = true;
                }
            }
        }
    }

    /**
     * Starts a created container. The engine sometimes answers a start it did carry out with "already started" (304) or
     * "cannot start an already running container" (500, seen under load when containerd retried its own start); the
     * container is then running, which is what was asked, so that is a success when the engine confirms it has
     * started. Any other failure is thrown.
     */
    void start(String containerId) {
        try {
            client.startContainerCmd(containerId).exec();
        } catch (com.github.dockerjava.api.exception.NotModifiedException already) {
            confirmStarted(containerId, already);
        } catch (com.github.dockerjava.api.exception.InternalServerErrorException e) {
            if (e.getMessage() == null || !e.getMessage().contains("already running")) {
                throw e;
            }
            LOG.info("the engine reported container {} already running after our start; checking it has started", containerId);
            confirmStarted(containerId, e);
        }
    }

    private void confirmStarted(String containerId, RuntimeException cause) {
        var state = client.inspectContainerCmd(containerId).exec().getState();
        String startedAt = state == null ? null : state.getStartedAt();
        boolean started = state != null && (Boolean.TRUE.equals(state.getRunning())
                || startedAt != null && !startedAt.startsWith("0001-"));
        if (!started) {
            throw cause;
        }
    }

    /** Stops a container gracefully: SIGTERM, then SIGKILL once {@code graceSeconds} have passed. One already stopped or gone is fine. */
    void stop(String containerId, int graceSeconds) {
        try {
            client.stopContainerCmd(containerId).withTimeout(graceSeconds).exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.NotModifiedException gone) {
            // already stopped or removed
        } catch (RuntimeException e) {
            LOG.warn("could not stop container {}: {}; killing it", containerId, e.toString());
            kill(containerId);
        }
    }

    void removeVolume(String name) {
        try {
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            LOG.warn("could not remove volume {}: {}", name, e.toString());
        }
    }

    /** Kills a container; one that is already stopped or gone is fine. */
    void kill(String containerId) {
        try {
            client.killContainerCmd(containerId).exec();
        } catch (NotFoundException | ConflictException gone) {
            // already stopped or removed
        } catch (RuntimeException e) {
            LOG.warn("could not kill container {}: {}", containerId, e.toString());
        }
    }

    void remove(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            LOG.warn("could not remove container {}: {}", containerId, e.toString());
        }
    }

    /** Removes every container carrying this runtime's owner label, and stale work folders. */
    int cleanup() {
        List<Container> left = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(WorkloadRuntime.LABEL_OWNER, config.owner())).exec();
        left.forEach(c -> remove(c.getId()));
        var volumes = client.listVolumesCmd().withFilter("label", List.of(WorkloadRuntime.LABEL_OWNER + "=" + config.owner())).exec()
                .getVolumes();
        if (volumes != null) {
            volumes.forEach(v -> removeVolume(v.getName()));
        }
        if (Files.isDirectory(workBase)) {
            List<Path> stale = new ArrayList<>();
            try (Stream<Path> dirs = Files.list(workBase)) {
                dirs.forEach(stale::add);
            } catch (java.io.IOException e) {
                LOG.warn("could not list {}: {}", workBase, e.toString());
            }
            stale.forEach(WorkDir::deleteTree);
        }
        if (!left.isEmpty()) {
            LOG.info("removed {} leftover container(s) labelled {}={}", left.size(), WorkloadRuntime.LABEL_OWNER, config.owner());
        }
        return left.size();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        tasks.shutdownNow();
        try {
            client.close();
        } catch (java.io.IOException e) {
            LOG.debug("closing the docker client", e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The image is neither present nor pullable. */
    static final class ImageUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        ImageUnavailableException(String image, String why) {
            super("image " + image + " is not present locally and could not be pulled: " + why);
        }

        ImageUnavailableException(String refusal) {
            super(refusal);
        }
    }
}
