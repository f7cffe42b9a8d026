package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cache.SessionCacheNamespace;
import app.ret.domain.session.SessionId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator uses it: validate, user add/list/disable, bad settings. */
class MainCommandsTest {
    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_RUNTIME_ROOT", root.toString());
        environment.put("PASSWORD_HASH_ITERATIONS", "1000");
        return environment;
    }

    private int run(Map<String, String> environment, String stdin, String... args) {
        out.reset();
        err.reset();
        Main main = new Main(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(List.of(args));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validatePrintsSettingsWithSecretsMaskedAndChecksTheDatabase() {
        Map<String, String> environment = environment();
        environment.put("JWT_SECRET_KEY", "a-very-secret-signing-key-of-32-bytes!");
        environment.put("RET_ADMIN_PASSWORD", "visible-only-to-admins");

        assertThat(run(environment, "", "validate")).isZero();

        assertThat(stdout()).contains("API_PORT=8000", "JWT_SECRET_KEY=****", "RET_ADMIN_PASSWORD=****",
                "database journal_mode: wal", "database synchronous: FULL", "database integrity_check: ok", "OK");
        assertThat(stdout()).doesNotContain("a-very-secret-signing-key", "visible-only-to-admins");
        assertThat(root.resolve("ret_session.db")).exists();
    }

    @Test
    void aBadValueStopsWithOneLineNamingTheVariable() {
        Map<String, String> environment = environment();
        environment.put("API_PORT", "eighty");

        assertThat(run(environment, "", "serve")).isEqualTo(Main.USAGE);

        assertThat(stderr().strip()).isEqualTo("configuration error: API_PORT: must be a whole number (got 'eighty')");
        assertThat(stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void productionRefusesAMissingSecretAndInsecureCookies() {
        Map<String, String> environment = environment();
        environment.put("ENV", "production");
        assertThat(run(environment, "", "validate")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("JWT_SECRET_KEY");

        environment.put("JWT_SECRET_KEY", "a-very-secret-signing-key-of-32-bytes!");
        environment.put("COOKIE_SECURE", "false");
        assertThat(run(environment, "", "validate")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("COOKIE_SECURE");
    }

    @Test
    void usersAreAddedListedAndDisabled() {
        assertThat(run(environment(), "stdin-password-1\n", "user", "add", "erin")).isZero();
        Map<String, String> environment = environment();
        environment.put("ADMIN_PW", "env-password-1");
        assertThat(run(environment, "", "user", "add", "frank", "--role", "admin", "--password-env", "ADMIN_PW")).isZero();
        assertThat(run(environment(), "short\n", "user", "add", "gina")).isEqualTo(Main.FAILED);
        assertThat(stderr()).contains("password must be");
        assertThat(run(environment(), "another-password\n", "user", "add", "erin")).isEqualTo(Main.FAILED);
        assertThat(stderr()).contains("taken");

        assertThat(run(environment(), "", "user", "list")).isZero();
        assertThat(stdout()).startsWith("NAME\tROLE\tSTATUS\tCREATED");
        assertThat(stdout()).contains("erin\tuser\tactive", "frank\tadmin\tactive").doesNotContain("gina");

        assertThat(run(environment(), "", "user", "disable", "erin")).isZero();
        assertThat(run(environment(), "", "user", "list")).isZero();
        assertThat(stdout()).contains("erin\tuser\tdisabled");
        assertThat(run(environment(), "", "user", "disable", "nobody")).isEqualTo(Main.FAILED);

        assertThat(run(environment(), "", "user", "enable", "erin")).isZero();
        assertThat(run(environment(), "", "user", "list")).isZero();
        assertThat(stdout()).contains("erin\tuser\tactive");
        assertThat(run(environment(), "", "user", "enable", "nobody")).isEqualTo(Main.FAILED);
    }

    @Test
    void deleteEndsTheUsersSessionsRemovesTheirDataAndTheUser() throws Exception {
        try (RunningRet running = RunningRet.start(root)) {
            RunningRet.Login first = running.loginAsNewUser("jane");
            RunningRet.Login second = running.login("jane", "secret-password");
            byte[] xml = "<a><b>1</b></a>".getBytes(StandardCharsets.UTF_8);
            assertThat(running.upload(first.accessToken(), "a.xml", "application/xml", xml).statusCode()).isEqualTo(201);
            assertThat(running.send(running.request("/api/session/state/k").header("Authorization", "Bearer " + second.accessToken())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("1"))).statusCode())
                    .isEqualTo(204);

            assertThat(run(environment(), "", "user", "delete", "jane")).as(stderr()).isZero();

            assertThat(stdout()).contains("deleted jane: ended 2 sessions, removed 1 files (" + xml.length + " bytes)");
            running.clock.advance(RetRuntime.SESSION_TRUST);
            assertThat(running.get("/api/auth/me", first.accessToken()).statusCode()).isEqualTo(401);
            assertThat(running.get("/api/auth/me", second.accessToken()).statusCode()).isEqualTo(401);
            assertThat(running.postJson("/api/auth/login", "{\"username\":\"jane\",\"password\":\"secret-password\"}").statusCode())
                    .isEqualTo(401);
            running.awaitNothingOnDiskOf(first.sessionId());
            running.awaitNothingOnDiskOf(second.sessionId());
            assertThat(running.runtime.core().cache().list(new SessionCacheNamespace(
                    new SessionId(second.sessionId())).everything())).isEmpty();
            assertThat(run(environment(), "", "user", "list")).isZero();
            assertThat(stdout()).doesNotContain("jane");
            assertThat(run(environment(), "", "user", "delete", "jane")).isEqualTo(Main.FAILED);
            assertThat(stderr()).contains("no such user: jane");
        }
    }

    @Test
    void theOnlyEnabledAdminCannotBeDeleted() {
        assertThat(run(environment(), "stdin-password-1\n", "user", "add", "root", "--role", "admin")).isZero();

        assertThat(run(environment(), "", "user", "delete", "root")).isEqualTo(Main.FAILED);
        assertThat(stderr()).contains("cannot delete root: the only enabled admin");

        assertThat(run(environment(), "stdin-password-2\n", "user", "add", "deputy", "--role", "admin")).isZero();
        assertThat(run(environment(), "", "user", "delete", "root")).isZero();
        assertThat(run(environment(), "", "user", "list")).isZero();
        assertThat(stdout()).contains("deputy").doesNotContain("root\t");
    }

    @Test
    void anUnsetPasswordVariableIsNamed() {
        assertThat(run(environment(), "from-stdin-password\n", "user", "add", "hank", "--password-env", "NOT_SET_ANYWHERE")).isEqualTo(Main.USAGE);
        assertThat(stderr()).contains("environment variable NOT_SET_ANYWHERE (named by --password-env) is not set");
        assertThat(run(environment(), "", "user", "list")).isZero();
        assertThat(stdout()).doesNotContain("hank");
    }

    @Test
    void passwdSetsANewPasswordAndEndsTheUsersSessions() {
        try (RunningRet running = RunningRet.start(root)) {
            RunningRet.Login login = running.loginAsNewUser("ivy");
            Map<String, String> environment = environment();
            environment.put("NEW_PW", "brand-new-password");

            assertThat(run(environment, "", "user", "passwd", "ivy", "--password-env", "NEW_PW")).as(stderr()).isZero();

            assertThat(stdout()).contains("changed the password of ivy and ended their sessions");
            assertThat(running.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(401);
            assertThat(running.login("ivy", "brand-new-password").accessToken()).isNotBlank();
            assertThat(running.postJson("/api/auth/login", "{\"username\":\"ivy\",\"password\":\"secret-password\"}").statusCode())
                    .isEqualTo(401);
            assertThat(run(environment(), "short\n", "user", "passwd", "ivy")).isEqualTo(Main.FAILED);
            assertThat(run(environment(), "long-enough-password\n", "user", "passwd", "nobody")).isEqualTo(Main.FAILED);
        }
    }

    @Test
    void helpGoesToStandardOutputAndSucceeds() {
        assertThat(run(environment(), "", "--help")).isZero();
        assertThat(stdout()).startsWith("usage:").contains("user passwd", "user enable");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void unknownCommandsPrintUsage() {
        assertThat(run(environment(), "", "frobnicate")).isEqualTo(Main.USAGE);
        assertThat(stderr()).startsWith("unknown command: frobnicate").contains("usage:");
        assertThat(run(environment(), "", "user", "frobnicate")).isEqualTo(Main.USAGE);
        assertThat(stderr()).startsWith("unknown user command: frobnicate");
        assertThat(run(environment(), "")).isEqualTo(Main.USAGE);
    }

    @Test
    void firstStartGeneratesAnAdminPasswordAndAPrivateSigningKey() throws Exception {
        Map<String, String> settings = RunningRet.testSettings(root);
        settings.remove("RET_ADMIN_PASSWORD");
        settings.remove("JWT_SECRET_KEY");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (RetRuntime runtime = RetRuntime.serve(RetConfig.from(settings), Clock.systemUTC(), new Random(1),
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("Created user 'admin' with generated password: ");
            assertThat(runtime.core().userAdministration().listUsers()).extracting(user -> user.username().value()).containsExactly("admin");
        }
        Path key = root.resolve("jwt.key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        console.reset();
        try (RetRuntime again = RetRuntime.serve(RetConfig.from(settings), Clock.systemUTC(), new Random(2),
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).as("the password is shown only once").isEmpty();
            assertThat(again.core().userAdministration().listUsers()).hasSize(1);
        }
    }

    @Test
    void backupCopiesTheDatabaseWhileTheServerRuns() {
        try (RunningRet running = RunningRet.start(root)) {
            running.loginAsNewUser("carol");
            Map<String, String> environment = environment();
            Path target = root.resolve("backups").resolve("ret-copy.db");

            assertThat(run(environment, "", "backup", target.toString())).isZero();
            assertThat(stdout()).contains("written to " + target.toAbsolutePath(), "integrity_check ok");
            assertThat(running.send(running.request("/readyz").GET()).statusCode()).as("still serving").isEqualTo(200);

            assertThat(run(environment, "", "backup", target.toString())).as("never overwrites").isEqualTo(Main.FAILED);
            assertThat(stderr()).contains("already exists");

            Map<String, String> fromBackup = environment();
            fromBackup.put("RET_SESSION_DB", target.toString());
            assertThat(run(fromBackup, "", "user", "list")).isZero();
            assertThat(stdout()).contains("admin\tadmin", "carol\tuser");
        }
    }
}
