package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.portal.internal.Services;

/**
 * The commands' own parsing of options and arguments (orders, pairs, durations, limits, cursors, files), fuzzed in
 * process with seeded garbage: every command either works or prints one {@code Error:} line, and never lets an
 * exception out (Karaf would print it in its own words) or prints a stack trace. The services are fakes that refuse
 * everything, so what is exercised is the parsing before them; the same commands are fuzzed through the real
 * console by {@code BadInputIT}.
 */
public class ShellParsingFuzzTest {
    private static final int INPUTS = Integer.getInteger("sharer.fuzz.shell.unit", 20_000);
    private static final Pattern TRACE = Pattern.compile("\\n\\s*at [\\w$.]+\\(|[a-z](Exception|Error)\\b|java\\.lang\\.");
    private static final String[] WORDS = {"", " ", "0", "-1", "1", "2147483648", "99999999999999999999", "1e400", "NaN", "abc", "PT1H",
        "PT-1S", "1h", "-5m", "0s", "P99999999999D", "1,2,3", "1,,3", ",", "a,b,c,d", "1,1,1,12", "-1,-1,-1", "10,2,10,1000", "=", "a=b",
        "k=", "=v", "ONLINE", "bogus", "admin", "REQUESTOR", "emperor", "auto", "arima", "naive", "..", "/no/such/file", "/dev/zero",
        "/dev/null", "bad\0name", "日本", "\u202e", "%s%n", "null", "true", "x".repeat(5000)};
    private static final Class<?>[] COMMANDS = {ForecastCommand.class, WorkloadSubmitCommand.class, JoinTokenCommand.class,
        WorkloadListCommand.class, MemberListCommand.class, WorkerListCommand.class, MemberMetricsCommand.class, CreditsCommand.class, MemberAttemptsCommand.class, MemberHistoryCommand.class, MemberAvailabilityCommand.class,
        TokenCreateCommand.class, TokenRevokeCommand.class, WorkerReserveCommand.class, WorkerExecCommand.class,
        WorkloadScaleCommand.class, WorkloadShowCommand.class, WorkloadCancelCommand.class, MemberShowCommand.class,
        MemberCordonCommand.class, MemberRemoveCommand.class, SchedulerStrategyCommand.class, WorkerShowCommand.class,
        WorkerReleaseCommand.class};

    private static Services refusingServices() throws Exception {
        Services s = new Services();
        for (Field f : Services.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !f.getType().isInterface() || f.getType().getName().startsWith("java.")) {
                continue;
            }
            f.setAccessible(true);
            f.set(s, Proxy.newProxyInstance(ShellParsingFuzzTest.class.getClassLoader(), new Class<?>[] {f.getType()}, (p, m, a) -> {
                if (m.getName().equals("toString")) {
                    return "fake";
                }
                throw ApiException.badRequest("fake", "refused by the fake " + f.getName());
            }));
        }
        return s;
    }

    private static Object value(Random r, Class<?> type) {
        String w = WORDS[r.nextInt(WORDS.length)];
        if (type == String.class) {
            return w; // Karaf never sets an option or argument to null: it leaves the field as initialised
        }
        if (type == List.class) {
            List<String> l = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                l.add(WORDS[r.nextInt(WORDS.length)]);
            }
            return l;
        }
        if (type == int.class || type == Integer.class) {
            int[] ints = {0, -1, 1, 2, 12, 1000, 10_000, Integer.MAX_VALUE, Integer.MIN_VALUE, r.nextInt()};
            return ints[r.nextInt(ints.length)];
        }
        if (type == long.class || type == Long.class) {
            return (long) r.nextInt();
        }
        if (type == double.class || type == Double.class) {
            double[] ds = {0, -1, 0.5, Double.NaN, Double.POSITIVE_INFINITY, 1e308};
            return ds[r.nextInt(ds.length)];
        }
        if (type == boolean.class || type == Boolean.class) {
            return r.nextBoolean();
        }
        return null;
    }

    @Test
    public void garbageOptionsAndArgumentsGiveOneErrorLineAndNoTrace() throws Exception {
        Services services = refusingServices();
        Random r = new Random(11);
        List<String> failures = new ArrayList<>();
        PrintStream out = System.out;
        for (int i = 0; i < INPUTS && failures.size() < 20; i++) {
            Class<?> type = COMMANDS[r.nextInt(COMMANDS.length)];
            Action command = (Action) type.getDeclaredConstructor().newInstance();
            StringBuilder line = new StringBuilder(type.getSimpleName());
            for (Field f : type.getDeclaredFields()) {
                f.setAccessible(true);
                if (f.getType() == Services.class) {
                    f.set(command, services);
                } else if (f.isAnnotationPresent(Option.class) && r.nextInt(3) > 0 || f.isAnnotationPresent(Argument.class)
                        && (f.getAnnotation(Argument.class).required() || r.nextInt(3) > 0)) { // Karaf insists on required arguments
                    Object v = value(r, f.getType());
                    if (v != null) {
                        f.set(command, v);
                        line.append(' ').append(f.getName()).append('=').append(String.valueOf(v).length() > 40 ? "…" : v);
                    }
                }
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            Throwable escaped = null;
            try {
                command.execute();
            } catch (Throwable t) {
                escaped = t;
            } finally {
                System.setOut(out);
            }
            String printed = buf.toString(StandardCharsets.UTF_8);
            long errorLines = printed.lines().filter(l -> l.startsWith("Error")).count();
            if (escaped != null) {
                failures.add(line + " → threw " + escaped);
            } else if (TRACE.matcher(printed).find() || errorLines > 1) {
                failures.add(line + " → printed " + printed.substring(0, Math.min(300, printed.length())));
            }
        }
        assertTrue(INPUTS + " inputs; failures:\n" + String.join("\n", failures), failures.isEmpty());
    }
}
