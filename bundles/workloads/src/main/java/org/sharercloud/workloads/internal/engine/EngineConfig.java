package org.sharercloud.workloads.internal.engine;

/**
 * The settings the engine reads while it runs, taken from the module's configuration (which may change
 * at run time: the engine is given a supplier and reads it at each use).
 *
 * @param creditWeight credits per CPU-second of a SUCCEEDED attempt
 * @param logMaxBytes  captured log kept per attempt (stdout and stderr), in bytes
 */
public record EngineConfig(double creditWeight, long logMaxBytes) {
}
