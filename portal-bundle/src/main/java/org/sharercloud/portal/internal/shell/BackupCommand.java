package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.store.Backup;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:backup DIR}: an online backup of the embedded database while the coordinator runs (restore: docs/reliability.md). */
@Service
@Command(scope = "sharer", name = "backup", description = "Writes an online backup of the store (embedded Derby) into a folder; "
        + "restore as docs/reliability.md says")
public class BackupCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "directory", required = true, description = "Absolute path of the folder to write the backup into")
    String directory;

    @Override
    protected void run() {
        Backup b = services.store().orElseThrow(() -> ApiException.unavailable("store")).backup(directory);
        System.out.printf("Backed up the store into %s (%d bytes in %d ms)%n", b.path(), b.bytes(), b.millis());
    }
}
