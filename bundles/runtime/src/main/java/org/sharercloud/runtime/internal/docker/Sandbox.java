package org.sharercloud.runtime.internal.docker;

import java.util.List;
import java.util.Map;

import org.sharercloud.runtime.internal.WorkDir;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;

/**
 * The container sandbox every run and reserved worker gets: no network, read-only root with a
 * size-limited tmpfs {@code /tmp}, a size-limited tmpfs {@code /output}, no capabilities, no-new-privileges, an init process reaping
 * zombies, pids/memory/CPU limits, {@code /input} read-only and {@code /output} writable, under this
 * runtime's cgroup parent.
 */
final class Sandbox {
    static final long CPU_PERIOD_MICROS = 100_000;

    private Sandbox() {
    }

    /**
     * @param cgroupParent the containers' {@code --cgroup-parent}, or {@code null} for the engine's default
     * @param output       the run's {@link OutputVolume}, or null for a container-private tmpfs {@code /output} of
     *                     {@code maxOutputFilesBytes} (a reserved worker's, never read back)
     */
    static HostConfig hostConfig(DockerConfig config, String cgroupParent, int cpuMillis, int memoryMb, WorkDir dir, Bind output,
            long logBytes) {
        long memory = (long) memoryMb << 20;
        Map<String, String> tmpfs = new java.util.HashMap<>(Map.of("/tmp", "rw,nosuid,nodev,size=" + config.tmpSizeMb() + "m,mode=1777"));
        if (output == null) {
            tmpfs.put("/output", "rw,nosuid,nodev,size=" + config.maxOutputFilesBytes() + ",nr_inodes=" + config.maxOutputFiles()
                    + ",mode=1777");
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
                .withBinds(output == null ? List.of(new Bind(dir.input().toString(), new Volume("/input"), AccessMode.ro))
                        : List.of(new Bind(dir.input().toString(), new Volume("/input"), AccessMode.ro), output))
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
