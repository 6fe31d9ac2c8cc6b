package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Section 4 of the contract: every operation of the OpenAPI document has its {@code sharer:*} command
 * ({@link #COMMANDS}: one row per operation; adding an endpoint means adding a row here and the command),
 * every command answering with JSON has {@code --json}, and every id argument completes.
 */
public class ShellCoverageTest {
    /** The agents' protocol is spoken by contributor agents with a member credential, not by people. */
    private static final String AGENT = "-agent protocol";

    /** operationId → the command that does the same (or a reason, starting with '-', why none should). */
    static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("getHealth", "status"),
            Map.entry("getOpenApi", "-the contract itself: read it at /api/v1/docs"),
            Map.entry("getMe", "-who a token stands for: the console is always an admin (subject console)"),
            Map.entry("streamEvents", "-a live stream for the portal and HTTP clients; the shell shows state when asked (workload-logs -f follows one workload)"),
            Map.entry("createToken", "token-create"),
            Map.entry("listTokens", "token-list"),
            Map.entry("revokeToken", "token-revoke"),
            Map.entry("rotateToken", "token-rotate"),
            Map.entry("listJoinTokens", "join-token-list"),
            Map.entry("createJoinToken", "join-token"),
            Map.entry("forecast", "forecast"),
            Map.entry("listStrategies", "scheduler-strategy"),
            Map.entry("setStrategy", "scheduler-strategy"),
            Map.entry("listMembers", "member-list"), // and worker-list: what a requestor sees
            Map.entry("getMember", "member-show"),
            Map.entry("cordonMember", "member-cordon"),
            Map.entry("uncordonMember", "member-uncordon"),
            Map.entry("removeMember", "member-remove"),
            Map.entry("getMemberMetrics", "member-metrics"),
            Map.entry("getMemberAvailability", "member-availability"),
            Map.entry("getMemberHistory", "member-history"),
            Map.entry("getMemberSummary", "member-summary"),
            Map.entry("listMemberAttempts", "member-attempts"),
            Map.entry("getCluster", "cluster"),
            Map.entry("getClusterSeries", "cluster-series"),
            Map.entry("submitWorkload", "workload-submit"),
            Map.entry("listWorkloads", "workload-list"),
            Map.entry("getWorkload", "workload-show"),
            Map.entry("scaleWorkload", "workload-scale"),
            Map.entry("cancelWorkload", "workload-cancel"),
            Map.entry("getWorkloadLogs", "workload-logs"),
            Map.entry("getWorkloadOutputs", "workload-outputs"),
            Map.entry("reserveWorker", "worker-reserve"),
            Map.entry("listReservations", "worker-mine"),
            Map.entry("getReservation", "worker-show"),
            Map.entry("execInReservation", "worker-exec"),
            Map.entry("releaseReservation", "worker-release"),
            Map.entry("getCredits", "credits"),
            Map.entry("getUsage", "usage"),
            Map.entry("agentJoin", AGENT),
            Map.entry("agentHeartbeat", AGENT),
            Map.entry("agentAssignments", AGENT),
            Map.entry("agentAttemptEvent", AGENT),
            Map.entry("agentReservationEvent", AGENT),
            Map.entry("agentResync", AGENT));

    /** Argument names that are ids of something the shell can list, so they must complete. */
    private static final Set<String> ID_ARGUMENTS = Set.of("id", "member", "reservation", "workload", "strategy");

    private static final Map<String, JsonNode> OPERATIONS = new TreeMap<>();
    private static final Map<String, Class<?>> SHELL = new TreeMap<>();

    @BeforeClass
    public static void load() throws IOException, URISyntaxException, ClassNotFoundException {
        try (InputStream in = ShellCoverageTest.class.getResourceAsStream("/openapi.json")) {
            assertNotNull("the build generates openapi.json", in);
            JsonNode doc = new ObjectMapper().readTree(in);
            for (Iterator<JsonNode> paths = doc.path("paths").elements(); paths.hasNext();) {
                paths.next().elements().forEachRemaining(op -> OPERATIONS.put(op.path("operationId").asText(), op));
            }
        }
        Path dir = Path.of(SharerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(SharerCommand.class.getPackageName().replace('.', '/'));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$")).forEach(names::add);
        }
        for (String n : names) {
            Class<?> c = Class.forName(SharerCommand.class.getPackageName() + "." + n.substring(0, n.length() - 6));
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null) {
                assertEquals(c + " is in the sharer scope", "sharer", cmd.scope());
                SHELL.put(cmd.name(), c);
            }
        }
        assertTrue("found the shell commands: " + SHELL.keySet(), SHELL.size() >= 25);
    }

    @Test
    public void everyOperationHasItsCommand() {
        Set<String> unmapped = new TreeSet<>(OPERATIONS.keySet());
        unmapped.removeAll(COMMANDS.keySet());
        assertTrue("operations without a row in ShellCoverageTest.COMMANDS (add the sharer:* command and the row): " + unmapped,
                unmapped.isEmpty());
        Set<String> stale = new TreeSet<>(COMMANDS.keySet());
        stale.removeAll(OPERATIONS.keySet());
        assertTrue("rows for operations the document does not have: " + stale, stale.isEmpty());
        COMMANDS.forEach((op, command) -> {
            if (!command.startsWith("-")) {
                assertTrue(op + " → sharer:" + command + ", which does not exist", SHELL.containsKey(command));
            }
        });
    }

    @Test
    public void everyCommandWhoseOperationAnswersJsonHasJson() {
        COMMANDS.forEach((op, command) -> {
            JsonNode responses = OPERATIONS.get(op).path("responses");
            boolean json = responses.at("/200/content/application~1json").isObject() || responses.at("/201/content/application~1json").isObject();
            if (json && !command.startsWith("-")) {
                assertTrue("sharer:" + command + " (for " + op + ") has --json", hasOption(SHELL.get(command), "--json"));
            }
        });
        assertTrue(hasOption(SHELL.get("worker-list"), "--json"));
    }

    /** A paginated operation's command pages the same way: {@code --limit} and {@code --cursor}. */
    @Test
    public void paginatedOperationsHavePagingCommands() {
        List<String> paged = new ArrayList<>();
        COMMANDS.forEach((op, command) -> {
            boolean cursor = false;
            for (JsonNode p : OPERATIONS.get(op).path("parameters")) {
                cursor |= "cursor".equals(p.path("name").asText());
            }
            if (cursor) {
                paged.add(op);
                assertTrue("sharer:" + command + " (for " + op + ") has --limit and --cursor",
                        hasOption(SHELL.get(command), "--limit") && hasOption(SHELL.get(command), "--cursor"));
            }
        });
        assertTrue("the listings are paginated: " + paged, paged.containsAll(List.of("listWorkloads", "listMembers", "getCredits", "listMemberAttempts")));
        assertTrue(hasOption(SHELL.get("worker-list"), "--cursor"));
    }

    @Test
    public void idArgumentsComplete() {
        SHELL.forEach((name, c) -> {
            for (Field f : fields(c)) {
                Argument a = f.getAnnotation(Argument.class);
                if (a != null && ID_ARGUMENTS.contains(a.name())) {
                    assertNotNull("sharer:" + name + " argument '" + a.name() + "' completes (@Completion)", f.getAnnotation(Completion.class));
                }
            }
        });
    }

    private static boolean hasOption(Class<?> c, String option) {
        return fields(c).stream().map(f -> f.getAnnotation(Option.class)).anyMatch(o -> o != null && o.name().equals(option));
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> t = c; t != null && t != Object.class; t = t.getSuperclass()) {
            out.addAll(List.of(t.getDeclaredFields()));
        }
        return out;
    }
}
