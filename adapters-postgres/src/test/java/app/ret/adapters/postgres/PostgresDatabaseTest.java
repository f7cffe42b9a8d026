package app.ret.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.ports.out.InsufficientStorageException;
import app.ret.ports.out.StoreFailureException;
import app.ret.ports.testing.ReopenableStore;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {
    private static final PoolSettings POOL = new PoolSettings(2, Duration.ofSeconds(2));

    @Test
    void instancesStartingTogetherMigrateTheSchemaExactlyOnce() throws Exception {
        PostgresTestDatabase fresh = PostgresServer.shared().newDatabase();
        int instances = 4;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<PostgresDatabase> opened = new ArrayList<>();
        try {
            List<Callable<PostgresDatabase>> starts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                starts.add(() -> PostgresDatabase.open(PostgresUrl.parse(fresh.url()), POOL, Clock.systemUTC()));
            }
            for (Future<PostgresDatabase> started : pool.invokeAll(starts)) {
                opened.add(started.get());
            }
        } finally {
            pool.shutdownNow();
            opened.forEach(PostgresDatabase::close);
        }
        try (Connection connection = fresh.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(PostgresSchema.STEPS.size());
            assertThat(rows.getInt(2)).isEqualTo(PostgresSchema.newestVersion());
        }
    }

    @Test
    void aSchemaNewerThanThisBuildStopsStartUp() throws Exception {
        PostgresTestDatabase fresh = PostgresServer.shared().newDatabase();
        PostgresDatabase.open(PostgresUrl.parse(fresh.url()), POOL, Clock.systemUTC()).close();
        int future = PostgresSchema.newestVersion() + 1;
        try (Connection connection = fresh.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (" + future + ", 'from a newer build', now())");
        }

        assertThatThrownBy(() -> PostgresDatabase.open(PostgresUrl.parse(fresh.url()), POOL, Clock.systemUTC()))
                .isInstanceOf(StoreFailureException.class)
                .hasMessage("database schema version " + future + " is newer than this build knows (" + PostgresSchema.newestVersion()
                        + "); refusing to run an older RET on it");
    }

    @Test
    void aWrongPasswordIsOneClearLineWithoutThePassword() {
        PostgresServer server = PostgresServer.shared();
        String wrong = "postgresql://" + PostgresServer.SUPERUSER + ":not-the-password@127.0.0.1:" + server.port() + "/postgres";

        assertThatThrownBy(() -> PostgresDatabase.open(PostgresUrl.parse(wrong), POOL, Clock.systemUTC()))
                .isInstanceOf(StoreFailureException.class)
                .hasMessage("cannot connect to postgresql://ret:***@127.0.0.1:" + server.port()
                        + "/postgres: authentication failed (check the user name and password)");
    }

    @Test
    void anUnknownDatabaseIsOneClearLine() {
        PostgresServer server = PostgresServer.shared();
        String unknown = server.url("no_such_database");

        assertThatThrownBy(() -> PostgresDatabase.open(PostgresUrl.parse(unknown), POOL, Clock.systemUTC()))
                .isInstanceOf(StoreFailureException.class)
                .hasMessageEndingWith("/no_such_database: the database does not exist")
                .message().doesNotContain(server.password());
    }

    @Test
    void anUnreachableServerIsOneClearLineWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nobody = "postgresql://ret:pw@127.0.0.1:" + closedPort + "/ret";

        assertThatThrownBy(() -> PostgresDatabase.open(PostgresUrl.parse(nobody), POOL, Clock.systemUTC()))
                .isInstanceOf(StoreFailureException.class)
                .hasMessageStartingWith("cannot connect to postgresql://ret:***@127.0.0.1:" + closedPort + "/ret: the server cannot be reached (")
                .message().doesNotContain("\n");
    }

    @Test
    void settingsNameTheServerAndTheSchemaVersion() {
        try (ReopenableStore<PostgresDatabase, PostgresDatabase> database = TemporaryPostgres.of(getClass(), opened -> opened)) {
            assertThat(database.store().settings())
                    .containsEntry("schema_version", Integer.toString(PostgresSchema.newestVersion()))
                    .containsEntry("pool_size", Integer.toString(TemporaryPostgres.POOL.size()))
                    .containsKey("server_version");
            assertThat(database.store().problem()).isEmpty();
        }
    }

    /** PostgreSQL's disk_full is raised here as the server raises it when its disk fills (SQLSTATE 53100). */
    @Test
    void readinessReportsTheLastFailedWriteUntilAStatementSucceedsAndAFullDiskIsInsufficientStorage() {
        PostgresTestDatabase fresh = PostgresServer.shared().newDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(PostgresUrl.parse(fresh.url()), POOL, Clock.systemUTC())) {
            assertThat(database.problem()).isEmpty();

            assertThatThrownBy(() -> database.transaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.execute("DO $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$");
                }
            })).isInstanceOf(InsufficientStorageException.class);
            assertThat(database.problem()).as("a probe's own success does not clear it").contains("last write failed: disk full");
            assertThat(database.problem()).contains("last write failed: disk full");

            assertThatThrownBy(() -> database.autocommit(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.execute("INSERT INTO no_such_table VALUES (1)");
                }
            })).isInstanceOf(StoreFailureException.class).isNotInstanceOf(InsufficientStorageException.class);
            assertThat(database.problem()).contains("last write failed");

            database.autocommit(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.execute("CREATE TABLE written (v int)");
                }
            });
            assertThat(database.problem()).isEmpty();
        }
    }
}
