package org.sharercloud.workloads.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.FieldError;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;

/**
 * Checks a submitted spec field by field and fills in the defaults. Every bad field is reported at once
 * ({@link ApiException#errors()}; the exception's own message and field are the first one's). Bounds are
 * part of the public contract (API.md, WorkloadSpec's Javadoc).
 *
 * <p>The CPU default is a quarter core: the smallest volunteer we plan for (2 cores sharing
 * {@code max.cpu.share = 0.5}, so 1000m) can take it even while its owner uses 37 % of the machine, and
 * four run side by side there; 256 MB fits in the share of a 1 GB machine.
 */
public final class SpecValidator {
    public static final int CPU_MIN = 1, CPU_MAX = 64_000, CPU_DEFAULT = 250;
    public static final int MEM_MIN = 16, MEM_MAX = 262_144, MEM_DEFAULT = 256;
    public static final int TIMEOUT_MIN = 1, TIMEOUT_MAX = 604_800, TIMEOUT_DEFAULT = 3600;
    public static final int REPLICAS_MIN = 1, REPLICAS_MAX = 100;
    public static final int RETRIES_MIN = 0, RETRIES_MAX = 10, RETRIES_DEFAULT = 2;
    public static final int PRIORITY_MIN = 0, PRIORITY_MAX = 1000;
    public static final int TARGET_DEFAULT = 70, MAX_REPLICAS_DEFAULT = 10;
    private static final int MAX_ARGS = 1000, MAX_ENV = 200, MAX_INPUTS = 100, MAX_CONSTRAINTS = 50;

    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern IMAGE = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
            + "(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._/-]{1,100}");

    private final int specMaxBytes;
    private final int inputsMaxBytes;

    public SpecValidator(int specMaxBytes, int inputsMaxBytes) {
        this.specMaxBytes = specMaxBytes;
        this.inputsMaxBytes = inputsMaxBytes;
    }

    /**
     * The spec with defaults filled in; 400 naming every bad field ({@link ApiException#errors()}, the first
     * one as its message and field), 413 when it is too large and nothing else is wrong.
     */
    public WorkloadSpec validate(WorkloadSpec s) {
        if (s == null) {
            throw ApiException.badRequest("image", "send a workload spec (JSON) with at least image and command");
        }
        Checks ck = new Checks();
        String runtime = ck.check(() -> runtime(s.runtime(), s.constraints()), RuntimeStatus.DOCKER);
        boolean process = RuntimeStatus.PROCESS.equals(runtime);
        String name = ck.check(() -> explicitName(s.name()), null);
        String image = ck.check(() -> process && (s.image() == null || s.image().isBlank()) ? "" : image(s.image(), "image"), "");
        List<String> command = ck.check(() -> command(s.command(), "command"), List.of());
        Map<String, String> env = ck.check(() -> env(s.env(), "env"), Map.of());
        int cpu = ck.check(() -> cpu(s.cpuMillis(), "cpuMillis"), CPU_DEFAULT);
        int mem = ck.check(() -> memory(s.memoryMb(), "memoryMb"), MEM_DEFAULT);
        int timeout = ck.check(() -> range(s.timeoutSeconds(), TIMEOUT_DEFAULT, TIMEOUT_MIN, TIMEOUT_MAX, "timeoutSeconds",
                "timeout must be between 1 and 604800 seconds"), TIMEOUT_DEFAULT);
        int replicas = ck.check(() -> range(s.replicas(), 1, REPLICAS_MIN, REPLICAS_MAX, "replicas",
                "replicas must be between 1 and 100"), 1);
        int retries = ck.check(() -> range(s.maxRetries(), RETRIES_DEFAULT, RETRIES_MIN, RETRIES_MAX, "maxRetries",
                "maxRetries must be between 0 and 10"), RETRIES_DEFAULT);
        Map<String, String> inputs = ck.check(() -> inputs(s.inputs()), Map.of());
        Map<String, String> constraints = ck.check(() -> constraints(s.constraints()), Map.of());
        int priority = ck.check(() -> range(s.priority(), 0, PRIORITY_MIN, PRIORITY_MAX, "priority",
                "priority must be between 0 and 1000"), 0);
        WorkloadKind kind = s.kind() == null ? WorkloadKind.JOB : s.kind();
        AutoscalePolicy autoscaling = ck.check(() -> autoscaling(s.autoscaling(), kind), null);
        ck.done();
        if (name == null) {
            name = defaultName(image, command);
        }
        if (autoscaling != null) {
            replicas = Math.max(autoscaling.minReplicas(), Math.min(autoscaling.maxReplicas(), replicas));
        }
        WorkloadSpec out = new WorkloadSpec(name, image, command, env, cpu, mem, timeout, replicas, retries, inputs, constraints,
                priority, kind, autoscaling, runtime);
        long size = size(out);
        if (size > specMaxBytes) {
            throw new ApiException(413, null, "the workload spec is " + size + " bytes; the limit is " + specMaxBytes);
        }
        return out;
    }

    /** The policy with defaults filled in, or null; 400 naming the bad field. */
    public static AutoscalePolicy autoscaling(AutoscalePolicy p, WorkloadKind kind) {
        if (p == null) {
            return null;
        }
        if (kind != WorkloadKind.SERVICE) {
            throw ApiException.badRequest("autoscaling", "autoscaling is only for kind service (a job runs to completion)");
        }
        int min = range(p.minReplicas(), REPLICAS_MIN, REPLICAS_MIN, REPLICAS_MAX, "autoscaling.minReplicas",
                "autoscaling.minReplicas must be between 1 and 100");
        int max = range(p.maxReplicas(), Math.max(min, MAX_REPLICAS_DEFAULT), REPLICAS_MIN, REPLICAS_MAX, "autoscaling.maxReplicas",
                "autoscaling.maxReplicas must be between 1 and 100");
        if (max < min) {
            throw ApiException.badRequest("autoscaling.maxReplicas", "autoscaling.maxReplicas (" + max
                    + ") must not be below autoscaling.minReplicas (" + min + ")");
        }
        int target = range(p.targetCpuPercent(), TARGET_DEFAULT, 1, 100, "autoscaling.targetCpuPercent",
                "autoscaling.targetCpuPercent must be between 1 and 100");
        return new AutoscalePolicy(min, max, target, p.isPredictive());
    }

    public static String image(String image, String field) {
        if (image == null || image.isBlank()) {
            throw ApiException.badRequest(field, "image is required, e.g. busybox:1.36");
        }
        if (image.length() > 512 || !IMAGE.matcher(image).matches()) {
            throw ApiException.badRequest(field, "image '" + shorten(image) + "' is not a valid image reference "
                    + "([registry[:port]/]name[:tag][@digest], lower-case name)");
        }
        return image;
    }

    public static List<String> command(List<String> command, String field) {
        if (command == null || command.isEmpty()) {
            throw ApiException.badRequest(field, "command must not be empty");
        }
        if (command.size() > MAX_ARGS) {
            throw ApiException.badRequest(field, "command has more than " + MAX_ARGS + " arguments");
        }
        for (String arg : command) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                throw ApiException.badRequest(field, "command arguments must be strings without NUL characters");
            }
        }
        if (command.get(0).isBlank()) {
            throw ApiException.badRequest(field, "command must start with a program name");
        }
        return List.copyOf(command);
    }

    public static Map<String, String> env(Map<String, String> env, String field) {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > MAX_ENV) {
            throw ApiException.badRequest(field, "env has more than " + MAX_ENV + " variables");
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() == null || !ENV_NAME.matcher(e.getKey()).matches() || e.getKey().length() > 128) {
                throw ApiException.badRequest(field, "env name '" + shorten(String.valueOf(e.getKey()))
                        + "' is invalid: use letters, digits and _ and do not start with a digit");
            }
            if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                throw ApiException.badRequest(field, "env " + e.getKey() + " needs a value without NUL characters");
            }
        }
        return new LinkedHashMap<>(env);
    }

    public static int cpu(Integer v, String field) {
        return range(v, CPU_DEFAULT, CPU_MIN, CPU_MAX, field, "cpu must be between 1 and 64000 millicores");
    }

    public static int memory(Integer v, String field) {
        return range(v, MEM_DEFAULT, MEM_MIN, MEM_MAX, field, "memory must be between 16 and 262144 MB");
    }

    private Map<String, String> inputs(Map<String, String> inputs) {
        if (inputs == null) {
            return Map.of();
        }
        if (inputs.size() > MAX_INPUTS) {
            throw ApiException.badRequest("inputs", "at most " + MAX_INPUTS + " input files");
        }
        long total = 0;
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            String n = e.getKey();
            if (n == null || n.length() > 255 || !INPUT_NAME.matcher(n).matches() || n.equals("..") || n.startsWith("../")
                    || n.contains("/../") || n.endsWith("/..")) {
                throw ApiException.badRequest("inputs", "input file name '" + shorten(String.valueOf(n))
                        + "' is invalid: a relative path of letters, digits, . _ - and /, without ..");
            }
            if (e.getValue() == null) {
                throw ApiException.badRequest("inputs", "input file " + n + " needs content");
            }
            total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > inputsMaxBytes) {
            throw new ApiException(413, "inputs", "inputs total " + total + " bytes; the limit is " + inputsMaxBytes);
        }
        return new LinkedHashMap<>(inputs);
    }

    private static Map<String, String> constraints(Map<String, String> constraints) {
        if (constraints == null) {
            return Map.of();
        }
        if (constraints.size() > MAX_CONSTRAINTS) {
            throw ApiException.badRequest("constraints", "at most " + MAX_CONSTRAINTS + " constraints");
        }
        for (Map.Entry<String, String> e : constraints.entrySet()) {
            if (e.getKey() == null || !LABEL.matcher(e.getKey()).matches() || e.getValue() == null || e.getValue().length() > 200) {
                throw ApiException.badRequest("constraints", "constraint '" + shorten(String.valueOf(e.getKey()))
                        + "' is invalid: label names are 1-100 of letters, digits, . _ / -, with a value");
            }
        }
        return new LinkedHashMap<>(constraints);
    }

    /**
     * The runtime: {@code docker} when none is named, except that the constraint {@code runtime.process=true}
     * (how a workload asked for the process runtime before runtimes were named) means {@code process}.
     */
    static String runtime(String runtime, Map<String, String> constraints) {
        if (runtime == null) {
            return constraints != null && "true".equals(constraints.get(RuntimeStatus.PROCESS_LABEL))
                    ? RuntimeStatus.PROCESS : RuntimeStatus.DOCKER;
        }
        String r = runtime.strip();
        if (!RuntimeStatus.DOCKER.equals(r) && !RuntimeStatus.PROCESS.equals(r)) {
            throw ApiException.badRequest("runtime", "runtime must be docker (a sandboxed container, the default) or process "
                    + "(a plain process, only on members whose owner enabled it), got '" + shorten(runtime) + "'");
        }
        return r;
    }

    /** The name given, stripped; null when none was given (then it defaults); 400 when empty or too long. */
    private static String explicitName(String name) {
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            throw ApiException.badRequest("name", "name must not be empty (leave it out to use the image's name)");
        }
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name", "name must be at most 100 printable characters");
        }
        return name.strip();
    }

    /** The image's name without registry, tag and digest; for a process workload without image, its program's name. */
    private static String defaultName(String image, List<String> command) {
        String base = image;
        if (base.isEmpty()) {
            base = command.isEmpty() ? "process" : command.get(0);
        } else {
            base = base.replaceAll("@.*$", "");
            base = base.replaceAll(":[^/]*$", "");
        }
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isBlank()) {
            base = "process";
        }
        return base.length() > 100 ? base.substring(0, 100) : base;
    }

    /** Runs the checks one by one and keeps every 400 they throw; anything else waits until no 400 was found. */
    private static final class Checks {
        private final List<FieldError> errors = new ArrayList<>();
        private ApiException other;

        <T> T check(Supplier<T> check, T fallback) {
            try {
                return check.get();
            } catch (ApiException e) {
                if (e.status() == 400) {
                    if (e.errors().isEmpty()) {
                        errors.add(new FieldError(e.field(), e.getMessage()));
                    } else {
                        errors.addAll(e.errors());
                    }
                } else if (other == null) {
                    other = e;
                }
                return fallback;
            }
        }

        void done() {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            if (other != null) {
                throw other;
            }
        }
    }

    static int range(Integer v, int dflt, int min, int max, String field, String message) {
        if (v == null) {
            return dflt;
        }
        if (v < min || v > max) {
            throw ApiException.badRequest(field, message);
        }
        return v;
    }

    private static long size(WorkloadSpec s) {
        long n = s.image().length() + s.name().length();
        for (String a : s.command()) {
            n += a.length() + 1;
        }
        for (Map<String, String> m : List.of(s.env(), s.inputs(), s.constraints())) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                n += e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length + 2;
            }
        }
        return n;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
