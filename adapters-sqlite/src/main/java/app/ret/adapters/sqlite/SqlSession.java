package app.ret.adapters.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection with its prepared statements cached by SQL text: preparing costs more than a
 * point lookup, and each connection is used by one thread at a time.
 */
public final class SqlSession implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqlSession(Connection connection) {
        this.connection = connection;
    }

    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /**
     * Closes the prepared statements kept for reuse: after some failures ({@code SQLITE_FULL}) the
     * driver leaves a statement unusable ("statement is not executing"), and a kept one would fail
     * every later write of its kind even once space returned.
     */
    void discardStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // it is dropped either way
            }
        }
        statements.clear();
    }

    /** Rows changed through this connection since it opened (a native counter: no statement runs). */
    long totalChanges() throws SQLException {
        return connection.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().total_changes();
    }

    void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    String queryString(String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
        connection.close();
    }
}
