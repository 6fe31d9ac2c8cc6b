package org.sharercloud.portal.internal.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.sharercloud.api.ApiException;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.workloads.Allocation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a requestor may see of the members: available workers only, without owner or load details. */
public final class MemberViews {
    private MemberViews() {
    }

    /** A worker as a requestor sees it, with the runtimes that work there now (what its workloads may name). */
    public record Worker(String id, String name, MemberState state, String os, String arch, int cores, boolean dockerAvailable,
            Map<String, String> labels, Capacity capacity, Map<String, RuntimeStatus> runtimes) {
    }

    /**
     * A member as an admin sees it in listings: every field of {@link Member} (unwrapped, so fields added
     * to it later show too) plus what the workloads module has placed there.
     */
    @Schema(name = "MemberRow", description = "a Member with what is placed on it (allocated)")
    public record AdminRow(@JsonUnwrapped Member member, Allocation allocated) {
    }

    /** The listing order: display name (case-insensitive), then id. */
    public static String sortKey(String name, String id) {
        return (name == null ? "" : name.toLowerCase(Locale.ROOT)) + "\u0001" + id;
    }

    /**
     * The filter of {@code GET /members}: {@code state} (a state name, or {@code CORDONED}) and a
     * case-insensitive substring of the name, id, host name or a label value.
     */
    public static Predicate<Member> filter(String state, String search) {
        Predicate<Member> p = m -> true;
        if (state != null && !state.isBlank()) {
            String s = state.strip().toUpperCase(Locale.ROOT);
            if (s.equals("CORDONED")) {
                p = Member::cordoned;
            } else {
                MemberState wanted;
                try {
                    wanted = MemberState.valueOf(s);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("state", "state must be one of " + Arrays.toString(MemberState.values()) + " or CORDONED");
                }
                p = m -> m.state() == wanted;
            }
        }
        if (search != null && !search.isBlank()) {
            String q = search.strip().toLowerCase(Locale.ROOT);
            p = p.and(m -> contains(m.name(), q) || contains(m.id(), q) || m.host() != null && (contains(m.host().hostname(), q)
                    || m.host().labels() != null && m.host().labels().values().stream().anyMatch(v -> contains(v, q))));
        }
        return p;
    }

    private static boolean contains(String s, String lowerQuery) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerQuery);
    }

    /** ONLINE and not cordoned: new work may be placed there. */
    public static boolean available(Member m) {
        return m.state() == MemberState.ONLINE && !m.cordoned();
    }

    public static Worker worker(Member m) {
        return new Worker(m.id(), m.name(), m.state(), m.host().os(), m.host().arch(), m.host().cores(), m.host().dockerAvailable(),
                m.host().labels(), m.capacity(), m.runtimes());
    }
}
