package org.sharercloud.scheduler.internal.loop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.Test;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.scheduler.internal.Fakes;

/**
 * The placement reason users read in GET /workloads/{id} is built without a Formatter where that gives the
 * same text: it must equal the {@code String.format} it replaces, character for character, for scores
 * that round half way at the fourth decimal, negative zero, tiny and huge values, the first-feasible
 * wording, and in locales with a decimal comma or other digits (where the Formatter is still used).
 */
public class PlacerReasonTest {
    private static final String BEST = "%s: best score %.4f of %d feasible members (%d of %d members eligible); "
            + "needs %dm cpu / %d MB";
    private static final String FIRST = "%s: first feasible member (%d of %d members eligible); needs %dm cpu / %d MB";

    @Test
    public void reasonIsTheFormattedTextInEveryLocale() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(Fakes.member("m" + i, i == 4 ? MemberState.OFFLINE : MemberState.ONLINE, 4000, 8192));
        }
        CandidatePool pool = CandidatePool.of(members, 12);
        Demand d = Fakes.demand("w", 1500, 2048, 0, 1);
        List<Double> scores = new ArrayList<>(List.of(0.0, -0.0, -0.00005, 0.00005, -0.00004999, 9.99995, -9.99995,
                -1.23445, -1.23455, 1e-300, -1e-300, 123456789.00005, -1e20, Double.MIN_VALUE, -0.1094, -0.5));
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double half = (rnd.nextInt(400_000) - 300_000) / 10_000.0 + 0.00005; // half way at the 4th decimal
            scores.add(half);
            scores.add(Math.nextUp(half));
            scores.add(Math.nextDown(half));
            scores.add((rnd.nextDouble() - 0.8) * Math.pow(10, rnd.nextInt(8) - 4));
        }
        Locale saved = Locale.getDefault(Locale.Category.FORMAT);
        try {
            for (Locale l : List.of(Locale.ROOT, Locale.US, Locale.GERMANY, Locale.forLanguageTag("ar-EG"),
                    Locale.forLanguageTag("th-TH-u-nu-thai"))) {
                Locale.setDefault(Locale.Category.FORMAT, l);
                Placer placer = new Placer();
                for (double s : scores) {
                    placer.record(3, s);
                    assertEquals(l + " " + s, String.format(BEST, "forecast", s, 3, 4, 5, 1500, 2048),
                            placer.reason("forecast", d, pool, 0));
                }
                placer.record(4, Double.POSITIVE_INFINITY);
                assertEquals(l.toString(), String.format(FIRST, "first-fit", 4, 5, 1500, 2048), placer.reason("first-fit", d, pool, 0));
            }
            assertTrue(Placer.plainLocale(Locale.ROOT));
            assertFalse("decimal comma", Placer.plainLocale(Locale.GERMANY));
            assertFalse("Thai digits", Placer.plainLocale(Locale.forLanguageTag("th-TH-u-nu-thai")));
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, saved);
        }
    }
}
