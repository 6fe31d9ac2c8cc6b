package org.sharercloud.portal.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The console password is written to its private file and only as a hash to users.properties. */
public class ConsoleUserTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void usersPropertiesHoldsOnlyTheHashInKarafsCryptForm() throws Exception {
        Path users = tmp.getRoot().toPath().resolve("etc/users.properties");
        Files.createDirectories(users.getParent());
        Files.writeString(users, "# comment\nadmin = oldplain,_g_:admingroup\n");
        Path password = tmp.getRoot().toPath().resolve("data/sharer/console.password");
        ConsoleUser.ensure(users, password);
        String secret = Files.readString(password).strip();
        String text = Files.readString(users);
        assertFalse("no plaintext password in " + text, text.contains(secret) || text.contains("oldplain"));
        assertTrue(text, text.contains("admin = {CRYPT}" + Secrets.sha256(secret) + "{CRYPT},_g_:admingroup"));
        assertTrue(text, text.contains(ConsoleUser.GROUP_LINE));
        ConsoleUser.ensure(users, password);
        assertEquals("a second start changes nothing", text, Files.readString(users));
    }
}
