package org.sharercloud.runtime.internal.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Date;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * The image of the per-run holder container: one static program, {@code /pause}, that sleeps until it is killed,
 * like Kubernetes' pause container. The holder keeps a run's {@code /input} and {@code /output} tmpfs volumes
 * mounted after the workload's container has exited, so that its outputs can still be read (a tmpfs volume is
 * unmounted, and emptied, when the last container using it stops). The program is made here, byte by byte, for the
 * engine's architecture (x86-64: {@code pause()} in a loop; arm64: {@code ppoll(NULL, 0, NULL, NULL)} in a loop),
 * and imported offline into the engine, so nothing is pulled and nothing of the requestor's runs in the holder.
 */
final class PauseImage {
    static final String REPOSITORY = "sharer/sandbox-pause";
    static final String TAG = "1";
    static final String NAME = REPOSITORY + ":" + TAG;
    static final String PROGRAM = "/pause";
    private static final long BASE = 0x400000;
    private static final int HEADERS = 64 + 2 * 56;

    private PauseImage() {
    }

    /** Imports the image into the engine unless it is there; the architecture is the engine's ({@code docker info}). */
    static void ensure(DockerClient client) {
        try {
            client.inspectImageCmd(NAME).exec();
            return;
        } catch (NotFoundException absent) {
            // import it below
        }
        String arch = client.infoCmd().exec().getArchitecture();
        try {
            client.loadImageCmd(new ByteArrayInputStream(saved(arch))).exec();
        } catch (IOException e) {
            throw new IllegalStateException("could not build the holder image", e);
        }
        client.inspectImageCmd(NAME).exec();
    }

    /**
     * The image in {@code docker save} form (a {@code manifest.json}, the config and one layer holding {@code /pause}),
     * which {@code POST /images/load} takes ({@code docker import} through docker-java's zerodep transport fails with
     * "unexpected EOF").
     */
    static byte[] saved(String arch) throws IOException {
        byte[] layer = tar(program(arch));
        String layerSum = sha256(layer);
        String goArch = arch.toLowerCase(java.util.Locale.ROOT).startsWith("a") && !arch.equalsIgnoreCase("amd64") ? "arm64" : "amd64";
        byte[] config = ("{\"architecture\":\"" + goArch + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"" + PROGRAM
                + "\"],\"User\":\"65534:65534\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + layerSum + "\"]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String configName = sha256(config) + ".json";
        byte[] manifest = ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + NAME + "\"],\"Layers\":[\"" + layerSum
                + "/layer.tar\"]}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            entry(tar, configName, config);
            entry(tar, layerSum + "/layer.tar", layer);
            entry(tar, "manifest.json", manifest);
            tar.finish();
        }
        return out.toByteArray();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setModTime(new Date(0));
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A static ELF executable for the architecture Docker reports ({@code x86_64}/{@code amd64}, {@code aarch64}/{@code arm64}). */
    static byte[] program(String arch) {
        String a = arch == null ? "" : arch.toLowerCase(java.util.Locale.ROOT);
        if (a.equals("x86_64") || a.equals("amd64")) {
            // loop: mov eax, 34 (pause); syscall; jmp loop
            return elf(0x3e, new byte[] {(byte) 0xb8, 0x22, 0, 0, 0, 0x0f, 0x05, (byte) 0xeb, (byte) 0xf7});
        }
        if (a.equals("aarch64") || a.equals("arm64")) {
            // loop: mov x0..x3, #0; mov x8, #73 (ppoll); svc #0; b loop
            int[] code = {0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800928, 0xd4000001, 0x17fffffa};
            ByteBuffer b = ByteBuffer.allocate(code.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int c : code) {
                b.putInt(c);
            }
            return elf(0xb7, b.array());
        }
        throw new IllegalStateException("no sandbox holder program for the engine's architecture " + arch
                + " (x86_64 and aarch64 are supported)");
    }

    private static byte[] elf(int machine, byte[] code) {
        int size = HEADERS + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) machine).putInt(1); // ET_EXEC, machine, EV_CURRENT
        b.putLong(BASE + HEADERS).putLong(64).putLong(0); // entry, program headers, no section headers
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 2).putShort((short) 64).putShort((short) 0)
                .putShort((short) 0);
        b.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE).putLong(size).putLong(size).putLong(0x1000); // PT_LOAD r-x
        b.putInt(0x6474e551).putInt(6).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putLong(16); // PT_GNU_STACK rw-
        b.put(code);
        return b.array();
    }

    private static byte[] tar(byte[] program) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(PROGRAM.substring(1));
            e.setMode(0100555);
            e.setSize(program.length);
            e.setModTime(new Date(0));
            tar.putArchiveEntry(e);
            tar.write(program);
            tar.closeArchiveEntry();
            tar.finish();
        }
        return out.toByteArray();
    }
}
