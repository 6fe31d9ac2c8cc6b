package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.Test;
import org.sharercloud.portal.internal.Services;

/** Id completion offers what the services list, filtered by what was typed. */
public class CompletersTest {
    private static CommandLine typed(String word) {
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return 1;
            }

            @Override
            public String getCursorArgument() {
                return word;
            }

            @Override
            public int getArgumentPosition() {
                return word.length();
            }

            @Override
            public String[] getArguments() {
                return new String[] {"sharer:workload-show", word};
            }

            @Override
            public int getBufferPosition() {
                return getBuffer().length();
            }

            @Override
            public String getBuffer() {
                return "sharer:workload-show " + word;
            }
        };
    }

    private static List<String> complete(Completer c, String word) {
        List<String> out = new ArrayList<>();
        c.complete(null, typed(word), out);
        return out.stream().map(String::strip).sorted().toList();
    }

    @Test
    public void workloadMemberAndStrategyIdsComplete() throws Exception {
        Services services = ShellJsonTest.services();
        WorkloadIdCompleter workloads = new WorkloadIdCompleter();
        workloads.services = services;
        assertEquals(List.of("w1", "w2"), complete(workloads, "w"));
        assertEquals(List.of("w2"), complete(workloads, "w2"));
        MemberIdCompleter members = new MemberIdCompleter();
        members.services = services;
        assertEquals(List.of("m1", "m2"), complete(members, ""));
        StrategyNameCompleter strategies = new StrategyNameCompleter();
        strategies.services = new Services();
        assertEquals("no scheduler running: nothing to offer, no error", List.of(), complete(strategies, ""));
        ReservationIdCompleter reservations = new ReservationIdCompleter();
        reservations.services = new Services();
        assertEquals("workloads module stopped: nothing to offer, no error", List.of(), complete(reservations, ""));
        TokenIdCompleter tokens = new TokenIdCompleter();
        tokens.services = services;
        assertEquals(List.of("t-admin", "t-alice"), complete(tokens, "t-"));
        tokens.services = new Services();
        assertEquals("store stopped: nothing to offer, no error", List.of(), complete(tokens, ""));
    }
}
