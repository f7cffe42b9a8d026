package app.ret.adapters.sqlite.planted;

import app.ret.adapters.postgres.PostgresDatabase;

/** Planted violation: one database adapter reaching into the other. */
public final class SqliteUsingPostgres {
    public String describe(PostgresDatabase database) {
        return database.name();
    }
}
