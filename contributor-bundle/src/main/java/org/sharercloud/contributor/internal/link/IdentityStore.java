package org.sharercloud.contributor.internal.link;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The agent's identity on disk, under {@code ${karaf.data}/sharer/} (directory 0700, files 0600): the
 * machine id ({@code machine-id}) and the member id and credential it was given ({@code member.properties}),
 * so a restart resumes without re-joining.
 */
public final class IdentityStore {
    private final Path dir;
    private final Path systemMachineId;

    /**
     * @param dir             the directory to keep the identity in, e.g. {@code ${karaf.data}/sharer}
     * @param systemMachineId the operating system's machine id file, usually {@code /etc/machine-id}
     */
    public IdentityStore(Path dir, Path systemMachineId) {
        this.dir = dir;
        this.systemMachineId = systemMachineId;
    }

    /**
     * A stable id for this installation. Derived from the system's machine id and this installation's data
     * directory (hashed, so the system id is not disclosed and two agents on one machine differ), or random
     * when the system has none; computed once and then read back from {@code machine-id}.
     */
    public String machineId() throws IOException {
        Path file = dir.resolve("machine-id");
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        String id = derived().orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        write(file, id + "\n");
        return id;
    }

    private Optional<String> derived() {
        try {
            String system = Files.readString(systemMachineId, StandardCharsets.UTF_8).strip();
            if (system.isEmpty()) {
                return Optional.empty();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("sharer-contributor:" + system + ":" + dir.toAbsolutePath().normalize())
                    .getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(sha.digest(), 0, 16));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** The identity saved for this coordinator, if any (one saved for another coordinator is not used). */
    public Optional<MemberIdentity> load(URI coordinator) throws IOException {
        Path file = dir.resolve("member.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String id = p.getProperty("member.id", "");
        String credential = p.getProperty("credential", "");
        String at = p.getProperty("coordinator.url", "");
        if (id.isBlank() || credential.isBlank() || !at.equals(coordinator.toString())) {
            return Optional.empty();
        }
        return Optional.of(new MemberIdentity(id, credential, coordinator));
    }

    /**
     * The credential saved for a coordinator on the same host as this one (its scheme or port may have changed, e.g.
     * from http to https), to prove at a new join that this agent is that member; never one of another host, so a
     * credential is not handed to a coordinator that did not issue it.
     */
    public Optional<String> credentialFor(URI coordinator) throws IOException {
        Path file = dir.resolve("member.properties");
        if (!Files.isRegularFile(file) || coordinator.getHost() == null) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String credential = p.getProperty("credential", "");
        String host;
        try {
            host = URI.create(p.getProperty("coordinator.url", "")).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return credential.isBlank() || host == null || !host.equalsIgnoreCase(coordinator.getHost()) ? Optional.empty() : Optional.of(credential);
    }

    /** Saves the identity, replacing the file atomically. */
    public void save(MemberIdentity identity) throws IOException {
        Properties p = new Properties();
        p.setProperty("member.id", identity.memberId());
        p.setProperty("credential", identity.credential());
        p.setProperty("coordinator.url", identity.coordinator().toString());
        StringWriter out = new StringWriter();
        p.store(out, "Sharer Cloud member identity: keep secret; delete to join again as a new member");
        write(dir.resolve("member.properties"), out.toString());
    }

    /** Forgets the member identity (the coordinator no longer knows it); the machine id stays. */
    public void forget() throws IOException {
        Files.deleteIfExists(dir.resolve("member.properties"));
    }

    private void write(Path file, String content) throws IOException {
        boolean posix = Files.getFileStore(Files.createDirectories(dir.getParent() == null ? dir : dir.getParent()))
                .supportsFileAttributeView("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
