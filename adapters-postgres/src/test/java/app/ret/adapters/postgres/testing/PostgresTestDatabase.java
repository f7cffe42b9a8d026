package app.ret.adapters.postgres.testing;

import java.sql.Connection;
import java.sql.SQLException;

/** One database of a {@link PostgresServer}, made for one test class. */
public record PostgresTestDatabase(PostgresServer server, String name) {
    /** {@code postgresql://user:password@127.0.0.1:port/name}, as {@code RET_DATABASE_URL} takes it. */
    public String url() {
        return server.url(name);
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }
}
