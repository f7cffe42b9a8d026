package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteSessionStore;
import app.ret.bootstrap.RunningRet.Login;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.SessionCacheNamespace;
import app.ret.domain.session.SessionId;
import app.ret.domain.cache.StateKey;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logout retires the session's cache entries in one short transaction and deletes them in the
 * background: nothing is reachable when it answers, nothing is left after the background step,
 * and a crash in between is finished at the next start.
 */
class LogoutCacheRetirementTest {
    private static final int ENTRIES = 30;

    @TempDir
    Path root;

    @Test
    void nothingIsReachableWhenLogoutAnswersAndNoRowIsLeftAfterTheBackgroundStep() throws Exception {
        try (RunningRet ret = RunningRet.start(root)) {
            Login login = ret.loginAsAdmin();
            putState(ret, login, ENTRIES);
            SessionCacheNamespace namespace = new SessionCacheNamespace(new SessionId(login.sessionId()));

            HttpResponse<String> logout = ret.post("/api/auth/logout", login.accessToken());

            assertThat(logout.statusCode()).isEqualTo(200);
            JsonNode removed = RunningRet.json(logout).get("removed");
            assertThat(removed.get("cache_entries").asInt()).as("counted by the store").isEqualTo(ENTRIES);
            assertThat(ret.get("/api/session/state/k0", login.accessToken()).statusCode()).isEqualTo(401);
            assertThat(ret.runtime.core().cache().get(namespace.stateKey(new StateKey("k0")))).isEmpty();
            assertThat(ret.runtime.core().cache().list(namespace.everything())).isEmpty();
            awaitNoRowsOf(login.sessionId());
        }
    }

    @Test
    void entriesACrashLeftRetiredButNotDeletedAreDeletedAtStartUp() throws Exception {
        Login login;
        try (RunningRet ret = RunningRet.start(root)) {
            login = ret.loginAsAdmin();
            putState(ret, login, ENTRIES);
        }
        // what a crash after the logout's retirement and the session's removal, before the background purge, leaves
        SessionId session = new SessionId(login.sessionId());
        try (SqliteDatabase database = SqliteDatabase.open(root.resolve("ret_session.db"), Clock.systemUTC())) {
            assertThat(new SqliteCacheTier(database).retire(new SessionCacheNamespace(session).everything(), Instant.now()))
                    .isEqualTo(ENTRIES);
            new SqliteSessionStore(database).delete(session);
        }
        assertThat(rowsOf(login.sessionId())).isEqualTo(ENTRIES);

        try (RunningRet restarted = RunningRet.start(root)) {
            assertThat(rowsOf(login.sessionId())).as("deleted before the server answers").isZero();
            assertThat(restarted.get("/api/session/state/k0", login.accessToken()).statusCode()).isEqualTo(401);
            assertThat(count("SELECT count(*) FROM cache_retired")).isZero();
        }
    }

    private static void putState(RunningRet ret, Login login, int entries) {
        for (int i = 0; i < entries; i++) {
            assertThat(ret.send(ret.request("/api/session/state/k" + i).header("Authorization", "Bearer " + login.accessToken())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")))
                    .statusCode()).isEqualTo(204);
        }
    }

    private void awaitNoRowsOf(String sessionId) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long left = rowsOf(sessionId);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = rowsOf(sessionId);
        }
        assertThat(left).as("cache rows of the session after the background step").isZero();
        assertThat(count("SELECT count(*) FROM cache_retired")).isZero();
    }

    private long rowsOf(String sessionId) throws SQLException {
        CacheKeyPrefix prefix = new SessionCacheNamespace(new SessionId(sessionId)).everything();
        return count("SELECT count(*) FROM cache_entries WHERE key >= '" + prefix.value() + "' AND key < '" + prefix.upperBound() + "'");
    }

    private long count(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("ret_session.db"));
             ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
