package app.ret.adapters.sqlite;

import java.sql.SQLException;

/** Work done on one connection inside one transaction (writes) or one borrowed reader (reads). */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(SqlSession sql) throws SQLException;
}
