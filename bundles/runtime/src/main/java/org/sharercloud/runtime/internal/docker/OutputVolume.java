package org.sharercloud.runtime.internal.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.sharercloud.runtime.internal.OutputArchive;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;

/**
 * A run's {@code /output}: a size- and inode-capped tmpfs volume, so the kernel enforces the output cap (a write past
 * it fails with "No space left on device", whatever folders or permissions the job uses), kept mounted by a holder
 * container running {@link PauseImage} until the files have been read through the engine's archive API (which reads
 * as root, so nothing the job makes unreadable is skipped). {@link #remove()} drops holder and volume: nothing of the
 * run stays on the volunteer's disk.
 *
 * <p>The volume holds the cap rounded up to whole pages plus one spare megabyte, so a run that fills it is told apart
 * from one that wrote exactly the cap: files totalling more than the cap, or a volume with no page or inode left,
 * fail the run.
 */
final class OutputVolume {
    static final long SPARE = 1L << 20;

    private final Engine engine;
    private final String attemptId;
    private final long cap;
    private final long size;
    private final long inodes;
    private final String name;
    private String holderId;

    OutputVolume(Engine engine, String attemptId, long cap) {
        this.engine = engine;
        this.attemptId = attemptId;
        this.cap = cap;
        this.size = (cap + OutputArchive.PAGE - 1) / OutputArchive.PAGE * OutputArchive.PAGE + SPARE;
        this.inodes = engine.config.maxOutputFiles();
        this.name = "sharer-out-" + attemptId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    String name() {
        return name;
    }

    /** Creates the volume and starts its holder (imported offline on first use). */
    OutputVolume create() {
        engine.ensurePauseImage();
        engine.client.createVolumeCmd().withName(name).withDriver("local")
                .withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs",
                        "o", "size=" + size + ",nr_inodes=" + (inodes + 1) + ",mode=1777,nosuid,nodev"))
                .withLabels(engine.labels(attemptId, "output")).exec();
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("none").withReadonlyRootfs(true)
                .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges")).withPidsLimit(4L)
                .withMemory(16L << 20).withBinds(bind());
        if (engine.cgroupParent() != null) {
            host.withCgroupParent(engine.cgroupParent());
        }
        // The engine (containerd) now and then refuses a fresh container's start with a 500 such as "cannot start a
        // stopped process": the holder is ours alone and holds nothing yet, so a new one is tried, at most three in all.
        for (int attempt = 1;; attempt++) {
            holderId = engine.client.createContainerCmd(PauseImage.NAME).withCmd(PauseImage.PROGRAM).withUser("65534:65534")
                    .withLabels(engine.labels(attemptId, "holder")).withHostConfig(host).exec().getId();
            try {
                engine.start(holderId);
                return this;
            } catch (com.github.dockerjava.api.exception.InternalServerErrorException e) {
                engine.remove(holderId);
                holderId = null;
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The bind that mounts the volume at {@code /output}; {@code nocopy}, so the engine neither copies an image's
     * {@code /output} into it nor gives it that folder's owner and mode.
     */
    Bind bind() {
        return new Bind(name, new Volume("/output"), AccessMode.rw, SELContext.DEFAULT, Boolean.TRUE);
    }

    /**
     * The files the run left, as a reproducible tar (null when none).
     *
     * @throws OutputArchive.OutputsTooLargeException when they exceed the cap or filled the volume
     */
    byte[] collect() throws IOException {
        OutputArchive archive;
        try (InputStream in = engine.client.copyArchiveFromContainerCmd(holderId, "/output").exec()) {
            archive = OutputArchive.fromDockerTar(in, "output", cap);
        }
        if ((archive.pages() + 1) * OutputArchive.PAGE > size || archive.entries() >= inodes) {
            throw new OutputArchive.OutputsTooLargeException(Math.max(archive.bytes(), archive.pages() * OutputArchive.PAGE), cap,
                    "filled the /output volume (" + archive.entries() + " entries; files take whole 4 KiB pages)");
        }
        return archive.tar();
    }

    /** Removes the holder and the volume (their contents go with them, being memory); safe to call twice. */
    void remove() {
        if (holderId != null) {
            engine.remove(holderId);
        }
        engine.removeVolume(name);
    }

    static boolean isGone(Engine engine, String volume) {
        try {
            engine.client.inspectVolumeCmd(volume).exec();
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }
}
