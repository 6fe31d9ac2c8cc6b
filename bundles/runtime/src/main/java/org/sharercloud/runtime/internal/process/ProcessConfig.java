package org.sharercloud.runtime.internal.process;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the process runtime (PID {@code org.sharercloud.runtime.process}); off unless its owner enables it. */
@ObjectClassDefinition(id = ProcessConfig.PID, name = "Sharer process runtime",
        description = "Runs attempts as OS processes with rlimits and a private work folder, inside a bubblewrap sandbox "
                + "(namespaces, no network, no access to the agent's files); for machines without Docker.")
public @interface ProcessConfig {
    String PID = "org.sharercloud.runtime.process";

    @AttributeDefinition(description = "the machine's owner allows strangers' commands to run as plain processes of the agent's user")
    boolean enabled() default false;

    @AttributeDefinition(description = "bwrap: every run in a bubblewrap sandbox (the runtime is unavailable without it); none: plain "
            + "processes of the agent's user with its network and files, for the owner's own demo machine only")
    String sandbox() default "bwrap";

    @AttributeDefinition(description = "size of the sandbox's tmpfs /tmp, MB")
    int tmpSizeMb() default 64;

    @AttributeDefinition(description = "host folder for per-run work folders; empty: ${karaf.data}/runtime/process")
    String workDir() default "";

    @AttributeDefinition(description = "address-space limit (RLIMIT_AS) when a spec asks for no memory, MB")
    int defaultMemoryMb() default 1024;

    @AttributeDefinition(description = "wall-clock limit when a spec asks for none, seconds")
    int defaultTimeoutSeconds() default 3600;

    @AttributeDefinition(description = "RLIMIT_NPROC: processes of the agent's user (not enforced for root)")
    long maxProcesses() default 4096;

    @AttributeDefinition(description = "RLIMIT_NOFILE: open files per process")
    long maxOpenFiles() default 1024;

    @AttributeDefinition(description = "cap on the files a run writes under its output folder, bytes (also RLIMIT_FSIZE)")
    long maxOutputFilesBytes() default 64L << 20;
}
