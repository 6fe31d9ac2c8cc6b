package org.sharercloud.workloads.internal.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores lists and maps of strings in one text column as length-prefixed strings
 * ({@code 3:abc5:hello}), so that no value needs escaping and no JSON library is needed.
 */
public final class Codec {
    private Codec() {
    }

    public static String list(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(v.length()).append(':').append(v);
        }
        return sb.toString();
    }

    public static List<String> list(String encoded) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < encoded.length()) {
            int colon = encoded.indexOf(':', i);
            int len = Integer.parseInt(encoded, i, colon, 10);
            out.add(encoded.substring(colon + 1, colon + 1 + len));
            i = colon + 1 + len;
        }
        return out;
    }

    public static String map(Map<String, String> map) {
        List<String> flat = new ArrayList<>(map.size() * 2);
        map.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return list(flat);
    }

    public static Map<String, String> map(String encoded) {
        List<String> flat = list(encoded);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            out.put(flat.get(i), flat.get(i + 1));
        }
        return out;
    }
}
