package app.ret.adapters.postgres;

/** One version of the schema: a script of SQL statements applied once, in order, in one transaction. */
record SchemaStep(int version, String description, String script) {
    SchemaStep {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
    }
}
