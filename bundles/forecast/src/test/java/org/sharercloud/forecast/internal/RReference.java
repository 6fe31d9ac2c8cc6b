package org.sharercloud.forecast.internal;

import org.sharercloud.api.forecast.ArimaOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Loads R's series and reference results from src/test/resources/r (made by generate.R). */
final class RReference {
    final String name;
    final Map<String, String> kv;

    private RReference(String name, Map<String, String> kv) {
        this.name = name;
        this.kv = kv;
    }

    static RReference load(String caseName) {
        Map<String, String> kv = new HashMap<>();
        for (String line : lines("/r/cases/" + caseName + ".txt")) {
            int eq = line.indexOf('=');
            kv.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
        return new RReference(caseName, kv);
    }

    static double[] series(String name) {
        return Arrays.stream(lines("/r/series/" + name + ".txt")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    double[] values() {
        return series(kv.get("series"));
    }

    ArimaOrder order() {
        int[] o = Arrays.stream(kv.get("order").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        return new ArimaOrder(o[0], o[1], o[2], o[3], o[4], o[5], o[6], Boolean.parseBoolean(kv.get("mean").toLowerCase()));
    }

    int horizon() {
        return Integer.parseInt(kv.get("horizon"));
    }

    double number(String key) {
        return Double.parseDouble(kv.get(key));
    }

    Double optional(String key) {
        String v = kv.get(key);
        return v == null || v.isEmpty() ? null : Double.valueOf(v);
    }

    double[] vector(String key) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            return new double[0];
        }
        return Arrays.stream(v.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    private static String[] lines(String resource) {
        try (InputStream in = RReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).toArray(String[]::new);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
