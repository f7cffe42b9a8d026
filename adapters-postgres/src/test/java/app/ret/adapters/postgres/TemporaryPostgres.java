package app.ret.adapters.postgres;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.domain.cluster.InstanceId;
import app.ret.ports.testing.ReopenableStore;
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
 * Stores over a database of the shared throwaway server: one database per test class, emptied
 * when a test first opens it; a reopening is a new pool on the same data.
 */
final class TemporaryPostgres {
    static final PoolSettings POOL = new PoolSettings(8, Duration.ofSeconds(5));
    static final ChangeNotices NOTICES = new ChangeNotices(new InstanceId("contract-tests"));
    /** How long a session ending waits for other instances' acknowledgements in these tests. */
    static final Duration ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(2);
    private static final Map<Class<?>, PostgresTestDatabase> DATABASES = new ConcurrentHashMap<>();

    private TemporaryPostgres() {}

    static <S> ReopenableStore<PostgresDatabase, S> of(Class<?> testClass, Function<PostgresDatabase, S> storeFactory) {
        PostgresTestDatabase testDatabase = databaseOf(testClass);
        return new ReopenableStore<>(() -> PostgresDatabase.open(PostgresUrl.parse(testDatabase.url()), POOL, Clock.systemUTC()),
                opened -> emptyEveryTable(testDatabase), storeFactory);
    }

    static PostgresSessionStore sessions(PostgresDatabase database) {
        return new PostgresSessionStore(database, NOTICES, ACKNOWLEDGEMENT_WAIT);
    }

    private static PostgresTestDatabase databaseOf(Class<?> testClass) {
        return DATABASES.computeIfAbsent(testClass, unused -> PostgresServer.shared().newDatabase());
    }

    private static void emptyEveryTable(PostgresTestDatabase testDatabase) {
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
}
