package org.sharercloud.api.store;

/**
 * An online backup of the store ({@link StoreInfo#backup}).
 *
 * @param path   the folder written: a complete copy of the database, restorable as docs/reliability.md says
 * @param bytes  its size on disk
 * @param millis how long it took
 */
public record Backup(String path, long bytes, long millis) {
}
