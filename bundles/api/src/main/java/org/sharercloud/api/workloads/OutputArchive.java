package org.sharercloud.api.workloads;

/**
 * Files an attempt wrote under {@code /output}, as the tar archive its agent returned.
 *
 * @param sha256 lower-case hex SHA-256 of {@code data}, verified when the agent sent it
 */
public record OutputArchive(String workloadId, String attemptId, String sha256, byte[] data) {
}
