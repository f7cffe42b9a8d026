package app.ret.adapters.sqlite;

import java.util.List;

/** One step of the schema, applied once, in order, inside one transaction. */
record Migration(int version, String description, List<String> statements) {
    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1");
        }
        statements = List.copyOf(statements);
    }
}
