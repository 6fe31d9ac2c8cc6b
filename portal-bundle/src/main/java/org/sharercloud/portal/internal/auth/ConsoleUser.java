package org.sharercloud.portal.internal.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Karaf console user {@code admin} a random password at first start, written to
 * {@code data/sharer/console.password} (mode 0600). {@code etc/users.properties} holds only its SHA-256 hash in
 * Karaf's {@code {CRYPT}…{CRYPT}} form, which the JAAS realm checks because the distributions ship
 * {@code etc/org.apache.karaf.jaas.cfg} with {@code encryption.enabled = true} (SHA-256, hexadecimal). The password
 * is 144-bit random, so an unsalted digest is enough, as for API tokens.
 */
@Component(immediate = true)
public class ConsoleUser {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUser.class);
    static final String GROUP_LINE = "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh";

    @Activate
    public ConsoleUser() throws IOException {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            return; // not inside Karaf
        }
        ensure(Path.of(etc, "users.properties"), Secrets.dataDir().resolve("console.password"));
    }

    static void ensure(Path users, Path passwordFile) throws IOException {
        if (Files.exists(passwordFile)) {
            return;
        }
        String password = Secrets.newPassword();
        List<String> out = new ArrayList<>();
        boolean group = false;
        if (Files.exists(users)) {
            for (String line : Files.readAllLines(users, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.startsWith("admin ") || t.startsWith("admin=")) {
                    continue; // replaced below
                }
                group |= t.startsWith("_g_\\:admingroup");
                out.add(line);
            }
        }
        out.add("admin = {CRYPT}" + Secrets.sha256(password) + "{CRYPT},_g_:admingroup");
        if (!group) {
            out.add(GROUP_LINE);
        }
        Secrets.writePrivate(users, String.join("\n", out) + "\n");
        Secrets.writePrivate(passwordFile, password + "\n");
        LOG.info("Karaf console user 'admin' created; its password is in {} (mode 0600)", passwordFile.toAbsolutePath());
    }
}
