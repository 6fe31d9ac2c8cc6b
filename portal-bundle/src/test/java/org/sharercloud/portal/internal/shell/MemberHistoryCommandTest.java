package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.MemberTransition;
import org.sharercloud.portal.internal.Services;

public class MemberHistoryCommandTest {
    private final List<String> calls = new ArrayList<>();

    private Services services() throws Exception {
        MemberService fake = (MemberService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MemberService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("history")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    calls.add(args[0] + " " + args[1] + " " + args[2]);
                    if (!"m1".equals(args[0])) {
                        throw ApiException.notFound("member " + args[0]);
                    }
                    if ((int) args[1] > 500) {
                        throw ApiException.badRequest("limit", "limit must be between 1 and 500, got " + args[1]);
                    }
                    return new MemberHistoryPage(List.of(
                            new MemberTransition(Instant.parse("2025-01-15T12:00:05Z"), MemberState.ONLINE, MemberState.DRAINING, false,
                                    "owner load above 0.60 for 15 s (0.83 now)"),
                            new MemberTransition(Instant.parse("2025-01-15T11:00:00Z"), MemberState.ONLINE, MemberState.ONLINE, true,
                                    "cordoned by an admin")), args[2] == null ? "17" : null);
                });
        Services s = new Services();
        Field f = Services.class.getDeclaredField("members");
        f.setAccessible(true);
        f.set(s, fake);
        return s;
    }

    private String run(String id, int limit, String cursor) throws Exception {
        MemberHistoryCommand c = new MemberHistoryCommand();
        c.services = services();
        c.id = id;
        c.limit = limit;
        c.cursor = cursor;
        PrintStream was = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            c.execute();
        } finally {
            System.setOut(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void printsNewestFirstWithReasonsAndHowToGetTheNextPage() throws Exception {
        String out = run("m1", 2, null);
        assertTrue(out, out.contains("2025-01-15T12:00:05Z | ONLINE | DRAINING | no       | owner load above 0.60 for 15 s (0.83 now)"));
        assertTrue(out, out.indexOf("DRAINING") < out.indexOf("cordoned by an admin"));
        assertTrue(out, out.contains("Older: sharer:member-history m1 --limit 2 --cursor 17"));
        String last = run("m1", 2, "17");
        assertFalse(last, last.contains("Older:"));
        assertEquals(List.of("m1 2 null", "m1 2 17"), calls);
    }

    @Test
    public void refusalsAreOneLine() throws Exception {
        String unknown = run("nobody", 20, null);
        assertEquals("Error: member nobody not found\n", unknown);
        String limit = run("m1", 501, null);
        assertTrue(limit, limit.startsWith("Error: limit must be between 1 and 500") && limit.strip().lines().count() == 1);
    }
}
