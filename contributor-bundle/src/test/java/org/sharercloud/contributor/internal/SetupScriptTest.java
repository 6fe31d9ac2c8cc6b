package org.sharercloud.contributor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The distribution's setup.sh, run with bash into a temporary root. */
public class SetupScriptTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dist;
    private Path root;

    @Before
    public void fakeDistribution() throws IOException {
        dist = tmp.newFolder("sharer-contributor-0.1.0").toPath();
        root = tmp.getRoot().toPath().resolve("root");
        Files.copy(Path.of(System.getProperty("sharer.setup.script", "../karaf-assembly/contributor/src/main/resources/assembly/setup.sh")),
                dist.resolve("setup.sh"));
        Files.createDirectories(dist.resolve("bin"));
        Files.writeString(dist.resolve("bin/karaf"), "#!/bin/sh\necho karaf\n");
        dist.resolve("bin/karaf").toFile().setExecutable(true);
        Files.createDirectories(dist.resolve("etc"));
        Files.writeString(dist.resolve("etc/config.properties"), "karaf.framework=felix\n");
        Files.createDirectories(dist.resolve("system/org/x"));
        Files.writeString(dist.resolve("system/org/x/x.jar"), "jar");
        Files.createDirectories(dist.resolve("data/cache"));
        Files.writeString(dist.resolve("data/cache/junk"), "from a test run of the unpacked distribution");
    }

    @Test
    public void installsFilesConfigAndUnit() throws Exception {
        Run r = setup("--root", root.toString(), "--coordinator", "https://coord.example:8443", "--join-token", "jt_AbC-123",
                "--name", "box-1", "--max-cpu-share", "0.25", "--labels", "gpu=none,zone=home", "--no-start");
        assertEquals(r.output, 0, r.exit);

        Path home = root.resolve("opt/sharer-contributor");
        assertTrue(Files.isExecutable(home.resolve("bin/karaf")));
        assertTrue(Files.isRegularFile(home.resolve("system/org/x/x.jar")));
        assertTrue(Files.isRegularFile(home.resolve("setup.sh")));
        assertFalse("the distribution's own data is not installed", Files.exists(home.resolve("data/cache/junk")));

        Path cfg = home.resolve("etc/org.sharercloud.contributor.cfg");
        Properties p = properties(cfg);
        assertEquals("https://coord.example:8443", p.getProperty("coordinator.url"));
        assertEquals("jt_AbC-123", p.getProperty("join.token"));
        assertEquals("box-1", p.getProperty("name"));
        assertEquals("0.25", p.getProperty("max.cpu.share"));
        assertEquals("0", p.getProperty("max.memory.mb"));
        assertEquals("0-24", p.getProperty("sharing.hours"));
        assertEquals("gpu=none,zone=home", p.getProperty("labels"));
        assertEquals("the join token is private", "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));

        String unit = Files.readString(root.resolve("etc/systemd/system/sharer-contributor.service"));
        assertTrue(unit, unit.contains("\nExecStart=/opt/sharer-contributor/bin/karaf server\n"));
        assertTrue(unit, unit.contains("\nRestart=on-failure\n"));
        assertTrue(unit, unit.contains("\nUser=sharer\n"));
        assertTrue(unit, unit.contains("\nWorkingDirectory=/opt/sharer-contributor\n"));
        assertTrue(unit, unit.contains("\nWantedBy=multi-user.target\n"));
        assertTrue(r.output, r.output.contains("Not creating user sharer"));
        assertFalse(r.output, r.output.contains("SECURITY WARNING"));
        assertEquals("", p.getProperty("coordinator.pin"));
    }

    @Test
    public void aPinIsWrittenAndPlainHttpToAnotherMachineWarnsLoudly() throws Exception {
        String pin = "6F:33:D4:72:18:2C:77:8B:EB:17:C2:03:06:24:FE:80:12:E7:58:5E:19:CB:C0:A9:3D:78:5F:49:9A:67:66:FB";
        Run r = setup("--root", root.toString(), "--coordinator", "https://coord.example:8443", "--join-token", "jt", "--pin", pin, "--no-start");
        assertEquals(r.output, 0, r.exit);
        assertEquals(pin, properties(root.resolve("opt/sharer-contributor/etc/org.sharercloud.contributor.cfg")).getProperty("coordinator.pin"));
        Run plain = setup("--root", root.toString(), "--coordinator", "http://192.0.2.10:8181", "--join-token", "jt", "--no-start");
        assertEquals(plain.output, 0, plain.exit);
        assertTrue(plain.output, plain.output.contains("SECURITY WARNING: --coordinator http://192.0.2.10:8181 is plain http to another machine"));
        assertFalse(setup("--root", root.toString(), "--coordinator", "http://localhost:8181", "--join-token", "jt", "--no-start")
                .output.contains("SECURITY WARNING"));
    }

    @Test
    public void runsUnderAPosixShellToo() throws Exception {
        Run r = run("sh", "--root", root.toString(), "--coordinator", "http://127.0.0.1:8181", "--join-token", "jt",
                "--max-memory-mb", "2048");
        assertEquals(r.output, 0, r.exit);
        assertEquals("2048", properties(root.resolve("opt/sharer-contributor/etc/org.sharercloud.contributor.cfg"))
                .getProperty("max.memory.mb"));
        assertTrue(Files.isRegularFile(root.resolve("etc/systemd/system/sharer-contributor.service")));
        assertNotEquals(0, run("sh", "--root", root.toString(), "--coordinator", "http://127.0.0.1:8181").exit);
    }

    @Test
    public void upgradeKeepsTheMemberIdentityAndRewritesTheConfig() throws Exception {
        assertEquals(0, setup("--root", root.toString(), "--coordinator", "http://127.0.0.1:8181", "--join-token", "first").exit);
        Path home = root.resolve("opt/sharer-contributor");
        Files.createDirectories(home.resolve("data/sharer"));
        Files.writeString(home.resolve("data/sharer/member.properties"), "member.id=m-1\n");
        Files.createDirectories(home.resolve("data/cache/bundle1"));
        Files.writeString(home.resolve("system/org/x/stale.jar"), "old");

        Run again = setup("--root", root.toString(), "--coordinator=http://127.0.0.1:9191", "--join-token=second",
                "--user", "volunteer", "--sharing-hours", "22-7");
        assertEquals(again.output, 0, again.exit);
        assertTrue(again.output, again.output.contains("Upgrading"));
        assertEquals("member.id=m-1\n", Files.readString(home.resolve("data/sharer/member.properties")));
        assertFalse("Karaf's bundle cache is cleared on upgrade", Files.exists(home.resolve("data/cache")));
        assertFalse("files of the previous version are removed", Files.exists(home.resolve("system/org/x/stale.jar")));
        Properties p = properties(home.resolve("etc/org.sharercloud.contributor.cfg"));
        assertEquals("http://127.0.0.1:9191", p.getProperty("coordinator.url"));
        assertEquals("second", p.getProperty("join.token"));
        assertEquals("22-7", p.getProperty("sharing.hours"));
        assertTrue(Files.readString(root.resolve("etc/systemd/system/sharer-contributor.service")).contains("\nUser=volunteer\n"));
    }

    @Test
    public void badArgumentsAreRefusedWithOneLine() throws Exception {
        String r = root.toString();
        refused("--coordinator", "--root", r, "--join-token", "t");
        refused("--coordinator", "--root", r, "--coordinator", "ftp://x", "--join-token", "t");
        refused("--coordinator", "--root", r, "--coordinator", "http://x y", "--join-token", "t");
        refused("--join-token", "--root", r, "--coordinator", "http://127.0.0.1:8181");
        refused("--join-token", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "a b");
        refused("--join-token", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "a\nb");
        refused("--max-cpu-share", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--max-cpu-share", "1.5");
        refused("--max-cpu-share", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--max-cpu-share", "0");
        refused("--max-memory-mb", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--max-memory-mb", "-5");
        refused("--sharing-hours", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--sharing-hours", "9to5");
        refused("--labels", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--labels", "a b=c");
        refused("--name", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--name", "-rf");
        refused("--user", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--user", "Root;");
        refused("--root", "--root", "relative/dir", "--coordinator", "http://127.0.0.1:8181", "--join-token", "t");
        refused("--pin must be a SHA-256 fingerprint", "--root", r, "--coordinator", "https://c.example:8443", "--join-token", "t", "--pin", "AB:CD");
        refused("--pin needs an https:// --coordinator", "--root", r, "--coordinator", "http://c.example:8181", "--join-token", "t",
                "--pin", "ab".repeat(32));
        refused("--bogus", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--bogus");
        refused("--name needs a value", "--root", r, "--coordinator", "http://127.0.0.1:8181", "--join-token", "t", "--name");
        assertFalse("nothing installed after a refusal", Files.exists(root.resolve("opt")));
    }

    private void refused(String reason, String... args) throws Exception {
        Run run = setup(args);
        assertNotEquals(run.output, 0, run.exit);
        String[] lines = run.output.strip().split("\n");
        assertEquals("one line: " + run.output, 1, lines.length);
        assertTrue(run.output, lines[0].startsWith("setup.sh: error: ") && lines[0].contains(reason));
    }

    private record Run(int exit, String output) {
    }

    private Run setup(String... args) throws Exception {
        return run("bash", args);
    }

    private Run run(String shell, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(shell, dist.resolve("setup.sh").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("setup.sh did not finish within 60 s", p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(Files.readString(file)));
        return p;
    }
}
