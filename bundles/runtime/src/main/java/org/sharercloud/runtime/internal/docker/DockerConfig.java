package org.sharercloud.runtime.internal.docker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the docker runtime (PID {@code org.sharercloud.runtime.docker}). */
@ObjectClassDefinition(id = DockerConfig.PID, name = "Sharer docker runtime",
        description = "Runs attempts and reserved workers in sandboxed containers on the local Docker engine.")
public @interface DockerConfig {
    String PID = "org.sharercloud.runtime.docker";

    @AttributeDefinition(description = "Docker engine address")
    String dockerHost() default "unix:///var/run/docker.sock";

    @AttributeDefinition(description = "user:group the sandboxed process runs as (never root)")
    String user() default "65534:65534";

    @AttributeDefinition(description = "network mode; 'none' gives a container only its own loopback")
    String network() default "none";

    @AttributeDefinition(description = "maximum number of processes/threads in a container")
    long pidsLimit() default 256;

    @AttributeDefinition(description = "size of the writable tmpfs /tmp, MB")
    int tmpSizeMb() default 64;

    @AttributeDefinition(description = "memory limit when a spec asks for none, MB")
    int defaultMemoryMb() default 512;

    @AttributeDefinition(description = "wall-clock limit when a spec asks for none, seconds")
    int defaultTimeoutSeconds() default 3600;

    @AttributeDefinition(description = "cap on the files a run writes under /output, bytes")
    long maxOutputFilesBytes() default 64L << 20;

    @AttributeDefinition(description = "most files and folders a run may create under /output (inodes of its tmpfs volume)")
    long maxOutputFiles() default 10000;

    @AttributeDefinition(description = "seconds between SIGTERM and SIGKILL when a run is cancelled or times out")
    int stopGraceSeconds() default 10;

    @AttributeDefinition(description = "folder where earlier versions kept per-run input/ and output/ folders (inputs are engine volumes now); cleanup "
            + "empties it; empty: ${karaf.data}/sharer/runtime/docker")
    String workDir() default "";

    @AttributeDefinition(description = "value of the org.sharercloud.owner label on this runtime's containers (cleanup removes those)")
    String owner() default "contributor";

    @AttributeDefinition(description = "time allowed to pull an image that is not present locally, seconds")
    int pullTimeoutSeconds() default 300;

    @AttributeDefinition(description = "cgroup parent of this runtime's containers, so the contributor can tell their CPU from the "
            + "owner's: empty picks /sharer (cgroupfs driver) or sharer.slice (systemd driver); none: the engine's default")
    String cgroupParent() default "";

    @AttributeDefinition(description = "images this machine runs (patterns or name@sha256:digest); empty: whatever the coordinator "
            + "allows. Can only narrow the coordinator's images.allowed")
    String[] allowedImages() default {};

    @AttributeDefinition(description = "images that exist only on this machine (built or imported here) which runs may use; "
            + "empty: none (an image runs only when it came from a registry)")
    String[] localImages() default {};

    @AttributeDefinition(description = "command keeping a reserved worker's container alive")
    String[] workerCommand() default { "sleep", "infinity" };
}
