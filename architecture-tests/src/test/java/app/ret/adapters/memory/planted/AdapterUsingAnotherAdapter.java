package app.ret.adapters.memory.planted;

import app.ret.adapters.sqlite.SqliteDatabase;

/** Planted violation: one adapter depending on another. */
public final class AdapterUsingAnotherAdapter {
    public String describe(SqliteDatabase database) {
        return database.name();
    }
}
