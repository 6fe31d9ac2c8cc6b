package org.sharercloud.runtime.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sharercloud.runtime.internal.WorkDir;

/**
 * The process runtime's sandbox, Debian's {@code bwrap}: new user, pid, network, IPC, UTS and cgroup namespaces (no
 * network but its own loopback; only its own processes visible; killing the sandbox's init kills every process in
 * it, whatever {@code setsid} they used), dying with the agent, a new session (no terminal injection), and a
 * filesystem made of the system's read-only {@code /usr}, a few files of {@code /etc}, a fresh {@code /proc} and
 * {@code /dev}, a size-capped tmpfs {@code /tmp} and the run's own folder (inputs read-only): nothing of the agent's
 * home, configuration or credentials is mounted. When the agent runs as root the sandbox is entered as
 * {@code nobody} (setpriv), so its files and processes are never root's on the host.
 */
final class Bubblewrap {
    static final String NOBODY = "65534";
    private static final String[] ETC = {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/ssl",
            "/etc/ca-certificates", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group", "/etc/hosts"};

    private Bubblewrap() {
    }

    /** The command prefix that runs a command inside the sandbox of {@code dir}. */
    static List<String> prefix(WorkDir dir, long tmpBytes, boolean asRoot) {
        List<String> c = new ArrayList<>();
        if (asRoot) {
            c.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"));
        }
        c.addAll(List.of("bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--hostname", "sandbox",
                "--ro-bind", "/usr", "/usr"));
        for (String top : new String[] {"/bin", "/sbin", "/lib", "/lib32", "/lib64"}) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                try {
                    c.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                } catch (IOException e) {
                    // leave it out
                }
            } else if (Files.isDirectory(p)) {
                c.addAll(List.of("--ro-bind", top, top));
            }
        }
        for (String f : ETC) {
            c.addAll(List.of("--ro-bind-try", f, f));
        }
        c.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(tmpBytes), "--perms", "1777", "--tmpfs", "/tmp",
                "--bind", dir.root().toString(), dir.root().toString(),
                "--ro-bind", dir.input().toString(), dir.input().toString(),
                "--chdir", dir.root().toString(), "--"));
        return c;
    }

    /** Why the sandbox cannot be used here, or null: bwrap (and setpriv as root) missing, or namespaces refused. */
    static String problem(boolean asRoot) {
        return problem(asRoot, System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** {@link #problem(boolean)} with the tools looked up on {@code path}. */
    static String problem(boolean asRoot, String path) {
        if (!ProcessRuntime.onPath("bwrap", path)) {
            return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap";
        }
        if (asRoot && !ProcessRuntime.onPath("setpriv", path)) {
            return "setpriv (util-linux) is needed to leave root before entering the sandbox";
        }
        List<String> probe = new ArrayList<>();
        if (asRoot) {
            probe.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        probe.addAll(List.of("bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                "true"));
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bwrap did not start a sandbox within 10 s";
            }
            return p.exitValue() == 0 ? null : "bwrap cannot create namespaces here (" + out + ")";
        } catch (IOException e) {
            return "bwrap cannot be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing bwrap";
        }
    }

    /** Whether this JVM runs as root. */
    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
