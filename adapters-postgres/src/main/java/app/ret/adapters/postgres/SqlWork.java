package app.ret.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one pooled connection: in autocommit mode, or inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
