package org.sharercloud.api.runtime;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference taken apart as Docker reads it, for image allow-lists (the coordinator's
 * {@code images.allowed}, a contributor's {@code allowedImages} / {@code localImages}) and the refusal of
 * registries on loopback or private networks.
 *
 * <p>Patterns are matched against the {@linkplain #shortForm() short form}: Docker Hub images without
 * {@code docker.io/} and {@code library/}, the tag always present ({@code latest} when neither tag nor digest is
 * named), then the digest when named: {@code busybox:1.36}, {@code sharer/busybox:test},
 * {@code ghcr.io/org/app:2@sha256:…}. In a pattern {@code *} matches any characters (also {@code /}) and {@code ?}
 * one; a pattern naming neither tag nor digest matches every tag and digest of that name; a leading
 * {@code docker.io/} and {@code library/} in a pattern are ignored. A digest pattern ({@code name@sha256:…}) matches
 * only references that name that digest.
 *
 * @param registry registry host, with its port when named ({@code docker.io} for Docker Hub)
 * @param path     repository path ({@code library/busybox} for a Docker Hub official image)
 * @param tag      tag, or null
 * @param digest   digest ({@code sha256:…}), or null
 */
public record ImageRef(String registry, String path, String tag, String digest) {
    /** Docker Hub, as references name it when no registry is given. */
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern DOTTED_QUAD = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(?:0x[0-9a-f]+|[0-9]+)(?:\\.(?:0x[0-9a-f]+|[0-9]+))*|[0-9a-f:.]*:[0-9a-f:.]*");

    /** Takes a reference apart (it is not validated here: the callers check its syntax first). */
    public static ImageRef parse(String image) {
        String rest = image.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(Locale.ROOT);
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /** The form patterns are matched against (see the class comment). */
    public String shortForm() {
        String name = !registry.equals(DOCKER_HUB) ? registry + "/" + path
                : path.startsWith("library/") ? path.substring("library/".length()) : path;
        String t = tag != null ? ":" + tag : digest == null ? ":latest" : "";
        return name + t + (digest != null ? "@" + digest : "");
    }

    /** The registry's host name or address, without its port. */
    public String registryHost() {
        int colon = registry.lastIndexOf(':');
        return colon > 0 && !registry.endsWith("]") ? registry.substring(0, colon) : registry;
    }

    /** Whether this reference matches an allow-list pattern (see the class comment). */
    public boolean matches(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty()) {
            return false;
        }
        if (p.startsWith("docker.io/")) {
            p = p.substring("docker.io/".length());
        }
        if (p.startsWith("library/")) {
            p = p.substring("library/".length());
        }
        boolean namesVersion = p.indexOf('@') >= 0 || p.lastIndexOf(':') > p.lastIndexOf('/');
        StringBuilder re = new StringBuilder();
        for (char c : p.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        if (!namesVersion && !p.endsWith("*")) {
            re.append("(?:[:@].*)?");
        }
        return Pattern.matches(re.toString(), shortForm());
    }

    /**
     * The patterns of a configuration value: each element split at commas and stripped, empty ones dropped (a
     * {@code .cfg} line {@code a, b} arrives as the single element {@code "a, b"}).
     */
    public static java.util.List<String> patterns(String... values) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String p : v == null ? new String[0] : v.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.strip());
                    }
                }
            }
        }
        return out;
    }

    /** Whether any of the patterns matches. */
    public boolean matchesAny(Iterable<String> patterns) {
        for (String p : patterns) {
            if (matches(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the registry is refused without looking it up, or null: {@code localhost} and names under
     * {@code .localhost} or {@code .local}, address literals on loopback, private, link-local, shared or reserved
     * networks, and numeric host forms other than a dotted quad (such as {@code 2130706433}, which some resolvers
     * read as 127.0.0.1). A name may still resolve to such an address: the contributor checks that when it pulls.
     */
    public String privateRegistry() {
        String host = registryHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")) {
            return "registry " + registry + " is on this machine's or a local network";
        }
        if (DOTTED_QUAD.matcher(host).matches() || (host.contains(":") && NUMERIC_HOST.matcher(host).matches())) {
            try {
                InetAddress a = InetAddress.getByName(host); // a literal: no lookup
                return privateAddress(a) ? "registry " + registry + " is on a loopback or private network" : null;
            } catch (UnknownHostException e) {
                return "registry " + registry + " is not a valid address";
            }
        }
        if (NUMERIC_HOST.matcher(host).matches()) {
            return "registry " + registry + " is a numeric address other than a dotted quad";
        }
        return null;
    }

    /**
     * Loopback, unspecified, private (RFC 1918, unique-local fc00::/7), link-local, shared (100.64/10), benchmark
     * (198.18/15), multicast and reserved (0/8, 240/4) addresses; IPv4-mapped IPv6 addresses are judged by their IPv4.
     */
    public static boolean privateAddress(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return privateAddress(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            return o0 == 0 || o0 >= 240 || (o0 == 100 && o1 >= 64 && o1 < 128) || (o0 == 198 && (o1 == 18 || o1 == 19))
                    || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0);
        }
        return true;
    }
}
