package app.ret.adapters.postgres.planted;

import app.ret.adapters.files.workspace.DiskWorkspace;

/** Planted violation: the PostgreSQL adapter reaching into the files adapter. */
public final class PostgresUsingFiles {
    public String folder(DiskWorkspace workspace) {
        return workspace.resourceName();
    }
}
