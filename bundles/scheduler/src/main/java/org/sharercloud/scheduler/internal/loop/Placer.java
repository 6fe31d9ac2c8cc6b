package org.sharercloud.scheduler.internal.loop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;

/**
 * Feasibility and scoring for one demand: scans the pool, asks the strategy to score each member
 * that fits, and keeps the best (ties to the earlier member). Strategies implementing {@link PoolScoring}
 * run that scan themselves over the pool's arrays. Remembers the last decision's numbers for the
 * placement reason. One instance per thread.
 */
public final class Placer {
    private int feasible;
    private double bestScore;
    private Demand lastDemand;
    private CandidatePool lastPool;

    /** The index of the best member for the demand, or -1 when none fits or the strategy refuses all. */
    public int best(Demand d, CandidatePool pool, PlacementStrategy strategy) {
        feasible = 0;
        bestScore = Double.NEGATIVE_INFINITY;
        if (d.cpuMillis() > pool.maxCpuFree()) {
            return -1;
        }
        if (strategy instanceof PoolScoring fast) {
            lastDemand = d;
            lastPool = pool;
            return fast.best(d, pool, this);
        }
        int cpu = d.cpuMillis();
        int mem = d.memoryMb();
        boolean[] labelOk = pool.labelCheck(d);
        java.util.Set<String> excluded = CandidatePool.exclusions(d);
        int best = -1;
        double bestSoFar = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int i = 0, n = pool.size(); i < n; i++) {
            if (!pool.fitsNow(i, cpu, mem, labelOk, excluded)) {
                continue;
            }
            count++;
            double s = strategy.score(d, pool.candidate(i));
            if (s > bestSoFar) {
                bestSoFar = s;
                best = i;
                if (s == Double.POSITIVE_INFINITY) {
                    break; // "take this one": nothing later can win, ties go to the earlier member
                }
            }
        }
        feasible = count;
        bestScore = bestSoFar;
        return best;
    }

    /**
     * For {@link PoolScoring} implementations: the number of feasible members, or -1 when the scan
     * skipped some without counting them (then it is counted when asked for), and the winning score.
     */
    public void record(int feasibleMembers, double winningScore) {
        feasible = feasibleMembers;
        bestScore = winningScore;
    }

    /** Members that fitted in the last call (ask before allocating on the winner: a skipped count is taken then). */
    public int feasible() {
        if (feasible < 0) {
            feasible = lastPool.countFits(lastDemand);
        }
        return feasible;
    }

    /** Score of the winner in the last call. */
    public double bestScore() {
        return bestScore;
    }

    /**
     * Why the last winner was chosen, for the attempt record: the text of
     * {@code String.format("%s: best score %.4f of %d feasible members (%d of %d members eligible); needs %dm cpu / %d MB", ...)}
     * (or the first-feasible one) in the default format locale, built without a {@link java.util.Formatter}
     * when that locale writes ASCII digits and a '.' decimal point ({@link #plainLocale}).
     */
    public String reason(String strategy, Demand d, CandidatePool pool, int index) {
        int eligible = pool.size();
        int members = pool.size() + pool.excluded().size();
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        if (bestScore == Double.POSITIVE_INFINITY) {
            if (!plainLocale(locale)) {
                return String.format("%s: first feasible member (%d of %d members eligible); needs %dm cpu / %d MB",
                        strategy, eligible, members, d.cpuMillis(), d.memoryMb());
            }
            return new StringBuilder(96).append(strategy).append(": first feasible member (").append(eligible).append(" of ")
                    .append(members).append(" members eligible); needs ").append(d.cpuMillis()).append("m cpu / ")
                    .append(d.memoryMb()).append(" MB").toString();
        }
        if (!plainLocale(locale) || !Double.isFinite(bestScore)) {
            return String.format("%s: best score %.4f of %d feasible members (%d of %d members eligible); "
                    + "needs %dm cpu / %d MB", strategy, bestScore, feasible(), eligible, members, d.cpuMillis(), d.memoryMb());
        }
        StringBuilder sb = new StringBuilder(128).append(strategy).append(": best score ");
        appendFixed4(sb, bestScore);
        return sb.append(" of ").append(feasible()).append(" feasible members (").append(eligible).append(" of ")
                .append(members).append(" members eligible); needs ").append(d.cpuMillis()).append("m cpu / ")
                .append(d.memoryMb()).append(" MB").toString();
    }

    /**
     * {@code %.4f} of a finite value in a {@link #plainLocale}: the Formatter rounds the value's shortest decimal
     * digits ({@link Double#toString}, what {@link BigDecimal#valueOf(double)} reads) half up, and writes the
     * sign of anything below zero, -0.0 included.
     */
    static void appendFixed4(StringBuilder sb, double v) {
        if (Double.compare(v, 0.0) < 0) {
            sb.append('-');
        }
        sb.append(BigDecimal.valueOf(Math.abs(v)).setScale(4, RoundingMode.HALF_UP).toPlainString());
    }

    private record LocaleCheck(Locale locale, boolean plain) {
    }

    /** The last locale checked (one immutable pair: passes run on several threads). */
    private static volatile LocaleCheck checked = new LocaleCheck(Locale.ROOT, true);

    /** Whether the Formatter writes numbers in this locale as ASCII digits with '.' (then %d is Integer.toString). */
    static boolean plainLocale(Locale locale) {
        LocaleCheck c = checked;
        if (!c.locale().equals(locale)) {
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
            c = new LocaleCheck(locale, symbols.getZeroDigit() == '0' && symbols.getDecimalSeparator() == '.');
            checked = c;
        }
        return c.plain();
    }
}
