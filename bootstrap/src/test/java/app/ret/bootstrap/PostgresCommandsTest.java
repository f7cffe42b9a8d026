package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line with RET_DATABASE_URL: validate shows it masked and checks the schema; a bad URL or password is one line naming it. */
class PostgresCommandsTest {
    @TempDir
    Path root;

    private static final String PASSWORD = "kates-password-1";

    private final PostgresServer server = PostgresServer.shared();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, String> environment(String databaseUrl) {
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_RUNTIME_ROOT", root.toString());
        environment.put("PASSWORD_HASH_ITERATIONS", "1000");
        environment.put("RET_DATABASE_URL", databaseUrl);
        environment.put("JWT_SECRET_KEY", "a-signing-key-every-instance-shares-32");
        environment.put("NEW_PASSWORD", PASSWORD);
        return environment;
    }

    private int run(String databaseUrl, String... args) {
        out.reset();
        err.reset();
        return new Main(environment(databaseUrl), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateShowsTheUrlMaskedAndTheSchemaVersion() {
        PostgresTestDatabase database = server.newDatabase();

        assertThat(run(database.url(), "validate")).isEqualTo(Main.OK);

        assertThat(stdout()).contains("RET_DATABASE_URL=postgresql://ret:***@127.0.0.1:" + server.port() + "/" + database.name(),
                "RET_SESSION_DB=(not used: RET_DATABASE_URL is set)", "database schema_version: 8", "database server_version: ", "OK")
                .doesNotContain(server.password());
    }

    @Test
    void userDeleteEndsTheSessionsAndRemovesTheUserFromPostgres() {
        PostgresTestDatabase database = server.newDatabase();
        assertThat(run(database.url(), "user", "add", "kate", "--password-env", "NEW_PASSWORD")).isEqualTo(Main.OK);
        SessionId session;
        try (RetRuntime runtime = RetRuntime.open(RetConfig.from(environment(database.url())), Clock.systemUTC(), new Random(3))) {
            LoginResult login = runtime.core().login().login(new LoginCommand("kate", PASSWORD.toCharArray(), "192.0.2.1"));
            session = ((LoginResult.LoggedIn) login).grant().session().id();
        }
        assertThat(root.resolve("sessions").resolve(session.value())).isDirectory();

        assertThat(run(database.url(), "user", "delete", "kate")).isEqualTo(Main.OK);

        assertThat(stdout()).contains("deleted kate: ended 1 sessions");
        assertThat(root.resolve("sessions").resolve(session.value())).doesNotExist();
        assertThat(run(database.url(), "user", "list")).isEqualTo(Main.OK);
        assertThat(stdout()).doesNotContain("kate");
    }

    @Test
    void aWrongPasswordStopsStartUpWithOneLineNamingTheVariable() {
        String wrong = "postgresql://ret:wrong-password@127.0.0.1:" + server.port() + "/postgres";

        assertThat(run(wrong, "user", "list")).isEqualTo(Main.FAILED);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: RET_DATABASE_URL: cannot connect to postgresql://ret:***@127.0.0.1:"
                + server.port() + "/postgres: authentication failed (check the user name and password)" + System.lineSeparator());
        assertThat(run(wrong, "validate")).isEqualTo(Main.FAILED);
        assertThat(stdout()).contains("database: RET_DATABASE_URL: cannot connect to").endsWith("FAILED" + System.lineSeparator())
                .doesNotContain("wrong-password");
    }

    @Test
    void aMalformedUrlIsAConfigurationError() {
        assertThat(run("mysql://ret:pw@localhost/ret", "validate")).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("configuration error: RET_DATABASE_URL: must start with postgresql:// (or jdbc:postgresql:)" + System.lineSeparator());
    }

    @Test
    void backupPointsToPgDump() {
        assertThat(run(server.newDatabase().url(), "backup", root.resolve("copy.db").toString())).isEqualTo(Main.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pg_dump");
    }
}
