package org.sharercloud.runtime.internal.docker;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;

/**
 * The container sandbox every run and reserved worker gets: no network, read-only root with a
 * size-limited tmpfs {@code /tmp}, a size-limited tmpfs {@code /output}, no capabilities, no-new-privileges, an init process reaping
 * zombies, pids/memory/CPU limits, {@code /input} read-only and {@code /output} writable, under this
 * runtime's cgroup parent. Nothing of the agent's own file system is mounted: {@code /input} and {@code /output} are
 * engine volumes ({@link InputVolume}, {@link OutputVolume}) or tmpfs, so the sandbox is the same whether the agent runs
 * on the engine's machine or in a container driving it through its socket.
 */
final class Sandbox {
    static final long CPU_PERIOD_MICROS = 100_000;

    private Sandbox() {
    }

    /**
     * @param cgroupParent the containers' {@code --cgroup-parent}, or {@code null} for the engine's default
     * @param input        the {@link InputVolume}'s read-only bind, or null for an empty read-only tmpfs {@code /input}
     * @param output       the run's {@link OutputVolume}, or null for a container-private tmpfs {@code /output} of
     *                     {@code maxOutputFilesBytes} (a reserved worker's, never read back)
     */
    static HostConfig hostConfig(DockerConfig config, String cgroupParent, int cpuMillis, int memoryMb, Bind input, Bind output,
            long logBytes) {
        long memory = (long) memoryMb << 20;
        Map<String, String> tmpfs = new java.util.HashMap<>(Map.of("/tmp", "rw,nosuid,nodev,size=" + config.tmpSizeMb() + "m,mode=1777"));
        if (output == null) {
            tmpfs.put("/output", "rw,nosuid,nodev,size=" + config.maxOutputFilesBytes() + ",nr_inodes=" + config.maxOutputFiles()
                    + ",mode=1777");
        }
        if (input == null) {
            tmpfs.put("/input", "ro,nosuid,nodev,size=4k,nr_inodes=16,mode=555");
        }
        List<Bind> binds = new java.util.ArrayList<>(2);
        if (input != null) {
            binds.add(input);
        }
        if (output != null) {
            binds.add(output);
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(config.network())
                .withReadonlyRootfs(true)
                .withTmpFs(tmpfs)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withInit(true)
                .withPidsLimit(config.pidsLimit())
                .withMemory(memory)
                .withMemorySwap(memory) // no swap beyond the limit
                .withUlimits(List.of(new Ulimit("nofile", 4096L, 4096L)))
                .withBinds(binds)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", Math.max(1, (logBytes * 2) >> 20) + "m", "max-file", "1")));
        if (cgroupParent != null) {
            host.withCgroupParent(cgroupParent);
        }
        if (cpuMillis > 0) {
            host.withCpuPeriod(CPU_PERIOD_MICROS).withCpuQuota(cpuMillis * CPU_PERIOD_MICROS / 1000);
        }
        return host;
    }
}
