package org.sharercloud.contributor.internal.link;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class IdentityStoreTest {
    private static final URI COORDINATOR = URI.create("http://127.0.0.1:8181");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void machineIdIsStableAcrossRestarts() throws Exception {
        Path system = systemId("0123456789abcdef0123456789abcdef");
        Path dir = tmp.getRoot().toPath().resolve("a/sharer");
        String first = new IdentityStore(dir, system).machineId();
        assertTrue(first, first.matches("[0-9a-f]{32}"));
        assertFalse("the system's id is not disclosed", first.contains("0123456789abcdef"));
        Files.writeString(system, "ffffffffffffffffffffffffffffffff\n");
        assertEquals("read back, not recomputed", first, new IdentityStore(dir, system).machineId());
    }

    @Test
    public void twoInstallationsOnOneMachineDiffer() throws Exception {
        Path system = systemId("0123456789abcdef0123456789abcdef");
        String a = new IdentityStore(tmp.getRoot().toPath().resolve("a/sharer"), system).machineId();
        String b = new IdentityStore(tmp.getRoot().toPath().resolve("b/sharer"), system).machineId();
        assertNotEquals(a, b);
    }

    @Test
    public void withoutASystemIdARandomOneIsPersisted() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("sharer");
        Path missing = tmp.getRoot().toPath().resolve("no-such-machine-id");
        String id = new IdentityStore(dir, missing).machineId();
        assertTrue(id, id.matches("[0-9a-f]{32}"));
        assertEquals(id, Files.readString(dir.resolve("machine-id")).strip());
        assertEquals(id, new IdentityStore(dir, missing).machineId());
        assertNotEquals(id, new IdentityStore(tmp.getRoot().toPath().resolve("other"), missing).machineId());
    }

    @Test
    public void theSavedCredentialIsOfferedAsProofOnlyToACoordinatorOnTheSameHost() throws Exception {
        IdentityStore store = new IdentityStore(tmp.getRoot().toPath().resolve("data/sharer"), systemId("x"));
        assertTrue(store.credentialFor(COORDINATOR).isEmpty());
        store.save(new MemberIdentity("m-42", "m.m-42.secret", COORDINATOR));
        assertEquals("m.m-42.secret", store.credentialFor(URI.create("https://127.0.0.1:8443")).orElseThrow());
        assertEquals("m.m-42.secret", store.credentialFor(COORDINATOR).orElseThrow());
        assertTrue("never handed to another coordinator", store.credentialFor(URI.create("http://10.0.0.9:8181")).isEmpty());
        store.forget();
        assertTrue(store.credentialFor(COORDINATOR).isEmpty());
    }

    @Test
    public void memberIdentitySurvivesARestartAndIsPrivate() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("data/sharer");
        IdentityStore store = new IdentityStore(dir, systemId("x"));
        assertTrue(store.load(COORDINATOR).isEmpty());
        store.save(new MemberIdentity("m-42", "secret-credential", COORDINATOR));

        MemberIdentity back = new IdentityStore(dir, systemId("x")).load(COORDINATOR).orElseThrow();
        assertEquals("m-42", back.memberId());
        assertEquals("secret-credential", back.credential());
        assertFalse("toString hides the credential", back.toString().contains("secret"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("member.properties"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertFalse("no temporary file left", Files.exists(dir.resolve("member.properties.tmp")));
    }

    @Test
    public void identityForAnotherCoordinatorIsNotUsed() throws Exception {
        IdentityStore store = new IdentityStore(tmp.getRoot().toPath().resolve("sharer"), systemId("x"));
        store.save(new MemberIdentity("m-1", "c-1", COORDINATOR));
        assertTrue(store.load(URI.create("https://elsewhere.example")).isEmpty());
        assertTrue(store.load(COORDINATOR).isPresent());
    }

    @Test
    public void forgetRemovesTheMemberButKeepsTheMachine() throws Exception {
        IdentityStore store = new IdentityStore(tmp.getRoot().toPath().resolve("sharer"), systemId("x"));
        String machine = store.machineId();
        store.save(new MemberIdentity("m-1", "c-1", COORDINATOR));
        store.forget();
        assertTrue(store.load(COORDINATOR).isEmpty());
        assertEquals(machine, store.machineId());
    }

    private Path systemId(String content) throws Exception {
        Path f = tmp.getRoot().toPath().resolve("etc-machine-id");
        Files.writeString(f, content + "\n");
        return f;
    }
}
