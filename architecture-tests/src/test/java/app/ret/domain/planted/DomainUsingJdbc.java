package app.ret.domain.planted;

import java.sql.Connection;

/** Planted violation: the domain touching JDBC. */
public final class DomainUsingJdbc {
    public boolean usable(Connection connection) throws java.sql.SQLException {
        return !connection.isClosed();
    }
}
