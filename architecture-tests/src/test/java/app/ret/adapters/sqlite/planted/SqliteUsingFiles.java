package app.ret.adapters.sqlite.planted;

import app.ret.adapters.files.workspace.DiskWorkspace;

/** Planted violation: the SQLite adapter reaching into the files adapter. */
public final class SqliteUsingFiles {
    public String folder(DiskWorkspace workspace) {
        return workspace.resourceName();
    }
}
