package org.sharercloud.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A coordinator distribution's own console, as an operator uses it: {@code bin/client} over SSH as {@code admin},
 * several commands in one session (a session costs seconds), their outputs split by Karaf's {@code echo} of a
 * marker line between them.
 */
final class Console {
    private static final String NEXT = "@@next-command@@";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Console() {
    }

    /** The console password the coordinator wrote at its first start (waited for, at most 30 s). */
    static String password(Distribution coordinator) throws IOException {
        Path pw = coordinator.home().resolve("data/sharer/console.password");
        Wait.until(30_000, "console password file", () -> Files.exists(pw));
        return Files.readString(pw).strip();
    }

    /**
     * Runs the lines one after the other in one session; the session is killed after {@code timeoutSeconds}. Returns one
     * output per line run: fewer when Karaf's own parser ended the session early (callers assert what they expect).
     */
    static List<String> batch(Distribution coordinator, int sshPort, String password, int timeoutSeconds, List<String> lines)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("timeout", Integer.toString(timeoutSeconds), coordinator.home().resolve("bin/client").toString(),
                "-a", Integer.toString(sshPort), "-h", "127.0.0.1", "-u", "admin", "-p", password, "-b", "-r", "2", "-d", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write((String.join("\necho " + NEXT + "\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("bin/client finished", p.waitFor(timeoutSeconds + 10L, TimeUnit.SECONDS));
        return List.of(out.split(Pattern.quote(NEXT) + "\\R?", -1));
    }

    /** The JSON line a {@code --json} command printed. */
    static JsonNode jsonLine(String out) {
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("{") || l.startsWith("[")) {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + l, e);
                }
            }
        }
        throw new AssertionError("no JSON line in: " + out);
    }
}
