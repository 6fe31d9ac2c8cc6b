package org.sharercloud.runtime.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.sharercloud.api.ApiException;

/** Checks of what a runtime is asked to run: each bad field is one 400 naming it. */
public final class Specs {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-zA-Z0-9._:/@+-]{0,254}");

    private Specs() {
    }

    public static void id(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest(field, field + " must be 1-128 letters, digits, '.', '_' or '-'");
        }
    }

    public static void image(String image) {
        if (image == null || !IMAGE.matcher(image).matches()) {
            throw ApiException.badRequest("image", "image must be an image reference such as registry/name:tag");
        }
    }

    public static void command(List<String> command, boolean required) {
        if (required && (command == null || command.isEmpty())) {
            throw ApiException.badRequest("command", "command must not be empty");
        }
        if (command != null && command.stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            throw ApiException.badRequest("command", "command arguments must be non-null and contain no NUL");
        }
    }

    public static void env(Map<String, String> env) {
        if (env == null) {
            return;
        }
        env.forEach((k, v) -> {
            if (k == null || !ENV.matcher(k).matches() || v == null || v.indexOf('\0') >= 0) {
                throw ApiException.badRequest("env", "env names must match [A-Za-z_][A-Za-z0-9_]* and have a value: " + k);
            }
        });
    }

    public static void limits(int cpuMillis, int memoryMb) {
        if (cpuMillis < 0 || cpuMillis > 256_000) {
            throw ApiException.badRequest("cpuMillis", "cpuMillis must be between 0 and 256000");
        }
        if (memoryMb < 0 || memoryMb > 1_048_576) {
            throw ApiException.badRequest("memoryMb", "memoryMb must be between 0 and 1048576");
        }
    }

    /** The relative path an input file goes to; refuses absolute names and {@code ..}. */
    public static Path inputPath(String name) {
        if (name == null || name.isBlank() || name.indexOf('\0') >= 0 || name.startsWith("/") || name.contains("\\")) {
            throw ApiException.badRequest("inputs", "input names must be relative paths: " + name);
        }
        Path p = Path.of(name).normalize();
        if (p.toString().isEmpty() || p.startsWith("..") || p.isAbsolute()) {
            throw ApiException.badRequest("inputs", "input names must stay under /input: " + name);
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw ApiException.badRequest("inputs", "input names must stay under /input: " + name);
            }
        }
        return p;
    }

    public static void inputs(Map<String, byte[]> inputs) {
        if (inputs != null) {
            inputs.forEach((name, content) -> {
                inputPath(name);
                if (content == null) {
                    throw ApiException.badRequest("inputs", "input " + name + " has no content");
                }
            });
        }
    }
}
