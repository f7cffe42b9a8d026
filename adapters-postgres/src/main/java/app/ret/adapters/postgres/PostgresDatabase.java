package app.ret.adapters.postgres;

import app.ret.ports.out.HealthCheck;
import app.ret.ports.out.InsufficientStorageException;
import app.ret.ports.out.StoreFailureException;
import app.ret.ports.out.StoreUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL database behind every store: a HikariCP pool of pgjdbc connections. Single
 * statements run in autocommit (one round trip, atomic on their own); work of several statements
 * runs in one transaction. A server that cannot be reached surfaces as
 * {@link StoreUnavailableException} within the pool's connect timeout, and the pool reconnects by
 * itself once the server is back.
 */
public final class PostgresDatabase implements AutoCloseable, HealthCheck {
    private final HikariDataSource pool;
    /** Why the last statement failed (the server being unreachable aside, which {@link #problem()} sees itself); empty after a success. */
    private volatile Optional<String> lastWriteError = Optional.empty();

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects, then brings the schema to the newest version (several instances starting at once
     * migrate it exactly once). A wrong password, an unknown database or an unreachable server is a
     * {@link StoreFailureException} whose message says which, in one line, without the password.
     */
    public static PostgresDatabase open(PostgresUrl url, PoolSettings settings, Clock clock) {
        HikariDataSource pool = connect(url, settings);
        try {
            PostgresDatabase database = new PostgresDatabase(pool);
            database.autocommit(connection -> {
                new SchemaMigrator(clock).migrate(connection);
                return null;
            });
            return database;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource connect(PostgresUrl url, PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ret-postgres");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.size());
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setAutoCommit(true);
        int seconds = (int) settings.connectTimeout().toSeconds();
        config.addDataSourceProperty("connectTimeout", seconds);
        config.addDataSourceProperty("loginTimeout", seconds);
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", "ret");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreFailureException("cannot connect to " + url.masked() + ": " + reason(e), null);
        }
    }

    /** What went wrong connecting, in words an operator acts on. */
    private static String reason(Throwable failure) {
        SQLException sql = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException found) {
                sql = found;
            }
        }
        if (sql == null) {
            return String.valueOf(failure.getMessage());
        }
        String state = String.valueOf(sql.getSQLState());
        if (state.startsWith("28")) {
            return "authentication failed (check the user name and password)";
        }
        if (state.equals("3D000")) {
            return "the database does not exist";
        }
        if (state.startsWith("08")) {
            return "the server cannot be reached (" + firstLine(sql.getMessage()) + ")";
        }
        return firstLine(sql.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "no detail" : message.lines().findFirst().orElse("").replaceFirst("^FATAL: ", "");
    }

    /** Runs {@code work} on a connection in autocommit mode: each statement commits on its own. */
    public <T> T autocommit(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            T result = work.apply(connection);
            lastWriteError = Optional.empty();
            return result;
        } catch (SQLException e) {
            throw recorded(failure(e));
        }
    }

    /** Runs {@code work} in one transaction: it commits when work returns and rolls back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        return transaction(work, (connection, committed) -> committed);
    }

    /**
     * Runs {@code work} in one transaction, then — committed — {@code afterCommit} on the same
     * connection in autocommit mode with what the work returned (waiting for what the commit set off).
     */
    public <T, R> R transaction(SqlWork<T> work, AfterCommit<T, R> afterCommit) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            T committed;
            try {
                committed = work.apply(connection);
                connection.commit();
                lastWriteError = Optional.empty();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            connection.setAutoCommit(true);
            return afterCommit.apply(connection, committed);
        } catch (SQLException e) {
            throw recorded(failure(e));
        }
    }

    /** What follows a committed transaction on its connection. */
    @FunctionalInterface
    public interface AfterCommit<T, R> {
        R apply(Connection connection, T committed) throws SQLException;
    }

    private StoreFailureException recorded(StoreFailureException failure) {
        if (!(failure instanceof StoreUnavailableException)) {
            lastWriteError = Optional.of(failure instanceof InsufficientStorageException
                    ? "last write failed: disk full" : "last write failed");
        }
        return failure;
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** PostgreSQL's SQLSTATE {@code disk_full}. */
    private static final String DISK_FULL = "53100";

    /** Connection-class failures mean the server is gone or unreachable: unavailable, not broken; a full disk is its own case. */
    static StoreFailureException failure(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        boolean unreachable = e instanceof SQLTransientConnectionException || state.startsWith("08")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
        if (unreachable) {
            return new StoreUnavailableException("the database is unavailable", e);
        }
        return DISK_FULL.equals(state) ? new InsufficientStorageException("the database server's disk is full", e)
                : new StoreFailureException("database statement failed", e);
    }

    /** The server's version, the schema version and the pool's size, for {@code validate}. */
    public Map<String, String> settings() {
        return autocommit(connection -> {
            Map<String, String> settings = new LinkedHashMap<>();
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT current_setting('server_version'), current_database(),"
                         + " (SELECT MAX(version) FROM schema_version)")) {
                rows.next();
                settings.put("server_version", rows.getString(1));
                settings.put("database", rows.getString(2));
                settings.put("schema_version", rows.getString(3));
            }
            settings.put("pool_size", Integer.toString(pool.getMaximumPoolSize()));
            settings.put("connect_timeout_ms", Long.toString(pool.getConnectionTimeout()));
            return settings;
        });
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Optional<String> problem() {
        Optional<String> lastWrite = lastWriteError;
        // Straight from the pool: a probe's success must not clear the last write's failure.
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1) ? lastWrite : Optional.of("database did not answer");
        } catch (SQLException e) {
            return Optional.of(failure(e) instanceof StoreUnavailableException ? "database unavailable" : "database failing");
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
