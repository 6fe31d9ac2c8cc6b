package org.sharercloud.runtime.internal.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.sharercloud.runtime.internal.Specs;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;

/**
 * A run's or worker's {@code /input}: an engine volume filled through the engine's archive API, never a folder of the
 * agent's bind-mounted into the sandbox. The engine may run elsewhere than the agent (the contributor in a container
 * driving the host's engine through its socket, a remote {@code DOCKER_HOST}); a bind source is a path on the engine's
 * machine, which such an agent cannot write, while a volume is the engine's own.
 *
 * <p>The files go in as a tar through a loader container (the offline {@link PauseImage}, created and never started,
 * no network, read-only root, the volume its one writable mount), which is removed at once; the job then gets the
 * volume read-only ({@code nocopy}). Folders are {@code r-xr-xr-x} and files {@code r--r--r--}, owned by root, so any
 * sandbox user reads them and none writes them. {@link #remove()} drops the volume; {@link Engine#cleanup()} removes any
 * a crash left, by their owner label.
 */
final class InputVolume {
    private final Engine engine;
    private final String name;

    private InputVolume(Engine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    /**
     * Creates and fills the volume, or returns null when there are no inputs (then {@link Sandbox} mounts an empty
     * read-only tmpfs at {@code /input}). Nothing is left behind when this throws.
     */
    static InputVolume create(Engine engine, String id, Map<String, byte[]> inputs) throws IOException {
        if (inputs == null || inputs.isEmpty()) {
            return null;
        }
        byte[] tar = tar(inputs);
        engine.ensurePauseImage();
        String name = "sharer-in-" + id + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        engine.client.createVolumeCmd().withName(name).withDriver("local").withLabels(engine.labels(id, "input")).exec();
        InputVolume volume = new InputVolume(engine, name);
        String loader = null;
        try {
            HostConfig host = HostConfig.newHostConfig().withNetworkMode("none").withReadonlyRootfs(true)
                    .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges"))
                    .withBinds(new Bind(name, new Volume("/input"), AccessMode.rw, SELContext.DEFAULT, Boolean.TRUE));
            loader = engine.client.createContainerCmd(PauseImage.NAME).withCmd(PauseImage.PROGRAM).withUser("65534:65534")
                    .withLabels(engine.labels(id, "loader")).withHostConfig(host).exec().getId();
            engine.client.copyArchiveToContainerCmd(loader).withRemotePath("/input")
                    .withTarInputStream(new ByteArrayInputStream(tar)).exec();
        } catch (RuntimeException e) {
            volume.removeAfter(loader);
            throw e;
        }
        engine.remove(loader);
        return volume;
    }

    private void removeAfter(String loader) {
        if (loader != null) {
            engine.remove(loader);
        }
        remove();
    }

    /** The inputs as a tar: folders first (each parent of a file), sorted, root-owned, read-only for everyone. */
    static byte[] tar(Map<String, byte[]> inputs) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        TreeMap<String, Boolean> dirs = new TreeMap<>();
        inputs.forEach((name, content) -> {
            java.nio.file.Path path = Specs.inputPath(name);
            files.put(path.toString(), content);
            for (java.nio.file.Path p = path.getParent(); p != null; p = p.getParent()) {
                dirs.put(p.toString(), Boolean.TRUE);
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, "UTF-8")) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String dir : dirs.keySet()) {
                TarArchiveEntry e = new TarArchiveEntry(dir + "/");
                e.setMode(040555);
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setMode(0100444);
                e.setSize(f.getValue().length);
                out.putArchiveEntry(e);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    String name() {
        return name;
    }

    /** The bind that mounts the volume read-only at {@code /input} ({@code nocopy}: nothing of the image goes in). */
    Bind bind() {
        return new Bind(name, new Volume("/input"), AccessMode.ro, SELContext.DEFAULT, Boolean.TRUE);
    }

    /** Removes the volume; safe to call twice. */
    void remove() {
        engine.removeVolume(name);
    }
}
