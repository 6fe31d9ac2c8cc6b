package org.sharercloud.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The portal's figures for docs/benchmarks.md, measured in headless Chromium against a running
 * coordinator (not a test: it prints numbers). Phases:
 * <ul>
 * <li>{@code first-load}: bytes transferred and time until the view is ready (the page's own
 * {@code sharer-view-ready} mark, set once the first view has rendered and can be used) with an empty
 * cache, for the sign-in page and for a signed-in operator's members view;</li>
 * <li>{@code members}: the members view with every member the coordinator has (run it after
 * HeartbeatLoad joined 10,000): time to render the first page, the next page and a search, and the JS
 * heap;</li>
 * <li>{@code events}: for {@code --seconds}, the live events the open members view received per second
 * while HeartbeatLoad sends heartbeats, and how late a 100 ms timer ran (the page's responsiveness).</li>
 * </ul>
 * <pre>java -cp "$(cat itests/target/cp.txt):itests/target/test-classes" org.sharercloud.itests.PortalFigures \
 *   --url http://127.0.0.1:23000 --token-file DIST/data/sharer/admin.token --phase first-load|members|events [--seconds 30]</pre>
 */
public final class PortalFigures {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = a.getOrDefault("url", "http://127.0.0.1:23000");
        String token = Files.readString(Path.of(a.get("token-file"))).strip();
        String phase = a.getOrDefault("phase", "first-load");
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        try (Browser b = new Browser(url, Files.createTempDirectory("portal-shots"), Files.createTempDirectory("portal-dl"))) {
            switch (phase) {
                case "first-load" -> firstLoad(b, token);
                case "members" -> members(b, token);
                case "events" -> events(b, token, seconds);
                default -> throw new IllegalArgumentException("phase is first-load, members or events");
            }
        }
    }

    private static void noCache(Browser b) {
        b.driver().executeCdpCommand("Network.enable", Map.of());
        b.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    }

    private static void awaitReady(Browser b, long millis) {
        Wait.until(millis, "the view ready mark", () -> ((Number) b.js("return performance.getEntriesByName('sharer-view-ready').length;")).intValue() > 0);
    }

    private static final String LOAD_STATS = "const n = performance.getEntriesByType('navigation')[0];"
            + "const rs = performance.getEntriesByType('resource');"
            + "const bytes = n.transferSize + rs.reduce((s, r) => s + r.transferSize, 0);"
            + "const body = n.decodedBodySize + rs.reduce((s, r) => s + r.decodedBodySize, 0);"
            + "const ready = performance.getEntriesByName('sharer-view-ready')[0].startTime;"
            + "return [bytes, body, rs.length + 1, ready, n.domContentLoadedEventEnd];";

    private static void firstLoad(Browser b, String token) {
        noCache(b);
        for (int run = 1; run <= 5; run++) {
            b.open("");
            awaitReady(b, 20_000);
            List<?> sign = (List<?>) b.js(LOAD_STATS);
            b.js("sessionStorage.setItem('sharer.token', arguments[0]);", token);
            b.open("#/members");
            b.driver().navigate().refresh();
            awaitReady(b, 30_000);
            List<?> ops = (List<?>) b.js(LOAD_STATS);
            b.js("sessionStorage.clear();");
            System.out.printf("run %d  sign-in page: %s bytes transferred (%s decoded, %s requests), DOMContentLoaded %.0f ms, ready %.0f ms"
                    + " | members view signed in: %s bytes, %s requests, ready %.0f ms%n", run, sign.get(0), sign.get(1), sign.get(2),
                    num(sign.get(4)), num(sign.get(3)), ops.get(0), ops.get(2), num(ops.get(3)));
        }
    }

    private static void members(Browser b, String token) {
        b.open("");
        b.js("sessionStorage.setItem('sharer.token', arguments[0]);", token);
        b.driver().navigate().refresh();
        b.await("#signout", 20_000);
        for (int run = 1; run <= 5; run++) {
            b.open("#/tokens");
            b.await("#mint-token", 20_000);
            b.js("window.__membersRendered = 0; window.__t0 = performance.now(); location.hash = '#/members';");
            Wait.until(60_000, "members rendered", () -> num(b.js("return window.__membersRendered || 0;")) > 0);
            double first = num(b.js("return window.__membersRendered - window.__t0;"));
            int rows = b.all("tbody tr").size();
            String total = b.find("#member-summary").getText().replace('\n', ' ');
            b.js("window.__membersRendered = 0; window.__t0 = performance.now(); document.querySelectorAll('.pager button')[1].click();");
            Wait.until(60_000, "next page rendered", () -> num(b.js("return window.__membersRendered || 0;")) > 0);
            double next = num(b.js("return window.__membersRendered - window.__t0;"));
            b.js("window.__membersRendered = 0; window.__t0 = performance.now();"
                    + "const s = document.querySelector('input[name=search]'); s.value = 'sim-9999'; s.dispatchEvent(new Event('input'));");
            Wait.until(60_000, "search rendered", () -> num(b.js("return window.__membersRendered || 0;")) > 0);
            double search = num(b.js("return window.__membersRendered - window.__t0 - 300;"));
            Map<?, ?> heap = b.driver().executeCdpCommand("Runtime.getHeapUsage", Map.of());
            System.out.printf("run %d  %d rows shown of [%s]: first page %.0f ms, next page %.0f ms, search %.0f ms (after the 300 ms debounce);"
                    + " JS heap used %.1f MB of %.1f MB%n", run, rows, total, first, next, search, num(heap.get("usedSize")) / 1e6,
                    num(heap.get("totalSize")) / 1e6);
        }
    }

    private static void events(Browser b, String token, int seconds) throws InterruptedException {
        b.open("");
        b.js("sessionStorage.setItem('sharer.token', arguments[0]);", token);
        b.open("#/members");
        b.driver().navigate().refresh();
        b.await("#live.on", 30_000);
        b.await("tbody tr", 30_000);
        b.js("window.__lags = []; let last = performance.now();"
                + "window.__probe = setInterval(() => { const now = performance.now(); window.__lags.push(now - last - 100); last = now; }, 100);");
        List<Double> rates = new ArrayList<>();
        long prev = (long) num(b.js("return window.__eventsSeen || 0;"));
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1000);
            long now = (long) num(b.js("return window.__eventsSeen || 0;"));
            rates.add((double) (now - prev));
            prev = now;
        }
        List<?> lags = (List<?>) b.js("clearInterval(window.__probe); return window.__lags.slice().sort((x, y) => x - y);");
        double p50 = lags.isEmpty() ? 0 : num(lags.get(lags.size() / 2));
        double p99 = lags.isEmpty() ? 0 : num(lags.get(Math.min(lags.size() - 1, (int) (lags.size() * 0.99))));
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Map<?, ?> heap = b.driver().executeCdpCommand("Runtime.getHeapUsage", Map.of());
        System.out.printf("events received by the members view: mean %.0f/s, max %.0f/s over %d s; 100 ms timer late by p50 %.0f ms, p99 %.0f ms;"
                + " JS heap %.1f MB; live badge: %s%n", mean, max, seconds, p50, p99, num(heap.get("usedSize")) / 1e6, b.find("#live").getText());
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
