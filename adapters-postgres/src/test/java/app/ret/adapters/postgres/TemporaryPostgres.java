package app.ret.adapters.postgres;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.domain.cluster.InstanceId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A store over a database of the shared throwaway server: one database per test class, emptied
 * before each test, opened on first use (a contract's own set-up may need the store before the
 * subclass's would run, from several threads at once in the concurrency cases) and reopenable like a
 * restart (a new pool on the same data).
 */
final class TemporaryPostgres<S> implements AutoCloseable {
    static final PoolSettings POOL = new PoolSettings(8, Duration.ofSeconds(5));
    static final ChangeNotices NOTICES = new ChangeNotices(new InstanceId("contract-tests"));
    /** How long a session ending waits for other instances' acknowledgements in these tests. */
    static final Duration ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(2);
    private static final Map<Class<?>, PostgresTestDatabase> DATABASES = new ConcurrentHashMap<>();

    private final PostgresTestDatabase testDatabase;
    private final Function<PostgresDatabase, S> storeFactory;
    private PostgresDatabase current;
    private S store;

    TemporaryPostgres(Class<?> testClass, Function<PostgresDatabase, S> storeFactory) {
        this.testDatabase = databaseOf(testClass);
        this.storeFactory = storeFactory;
    }

    static PostgresSessionStore sessions(PostgresDatabase database) {
        return new PostgresSessionStore(database, NOTICES, ACKNOWLEDGEMENT_WAIT);
    }

    static PostgresTestDatabase databaseOf(Class<?> testClass) {
        return DATABASES.computeIfAbsent(testClass, unused -> PostgresServer.shared().newDatabase());
    }

    synchronized PostgresDatabase database() {
        if (current == null) {
            current = open();
            emptyEveryTable();
            store = storeFactory.apply(current);
        }
        return current;
    }

    synchronized S store() {
        database();
        return store;
    }

    synchronized S reopened() {
        database().close();
        current = open();
        store = storeFactory.apply(current);
        return store;
    }

    PostgresTestDatabase testDatabase() {
        return testDatabase;
    }

    private PostgresDatabase open() {
        return PostgresDatabase.open(PostgresUrl.parse(testDatabase.url()), POOL, Clock.systemUTC());
    }

    private void emptyEveryTable() {
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement()) {
            String tables;
            try (ResultSet rows = statement.executeQuery("SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables"
                    + " WHERE schemaname = 'public' AND tablename <> 'schema_version'")) {
                rows.next();
                tables = rows.getString(1);
            }
            statement.execute("TRUNCATE " + tables + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
