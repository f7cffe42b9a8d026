package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real server with RET_DATABASE_URL over HTTP: everything a session makes lives in PostgreSQL, and its end removes it there. */
class PostgresEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final PostgresTestDatabase database = PostgresServer.shared().newDatabase();
    @RegisterExtension
    final ServerClosedAfterEach server = new ServerClosedAfterEach();
    private RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("RET_DATABASE_URL", database.url()));
    }

    @Test
    void loginStateUploadConversionAndLogoutAllRunOnPostgres() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        assertThat(count("SELECT COUNT(*) FROM users WHERE username = 'alice'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sessions WHERE id = '" + alice.sessionId() + "' AND status = 'ACTIVE'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM rate_limit_windows WHERE namespace = 'api'")).as("the API limit counts in PostgreSQL").isPositive();

        HttpResponse<String> stored = ret.send(ret.request("/api/session/state/ui.prefs")
                .header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"theme\":\"dark\"}")));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
        assertThat(RunningRet.json(ret.get("/api/session/state/ui.prefs", alice.accessToken())).get("theme").asText()).isEqualTo("dark");
        assertThat(count("SELECT COUNT(*) FROM cache_entries WHERE key LIKE 'session:" + alice.sessionId() + ":%'")).isEqualTo(1);

        HttpResponse<String> uploaded = ret.upload(alice.accessToken(), "1mb.xml", "application/xml",
                Files.readAllBytes(SharedSamples.resolve("library/1mb.xml")));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode job = awaitFinished(alice, ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("result").get("outputs").get(0).get("rows").asLong()).isEqualTo(6401);
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE id = '" + job.get("id").asText() + "' AND status = 'SUCCEEDED'")).isEqualTo(1);

        assertThat(ret.post("/api/auth/logout", alice.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.get("/api/auth/me", alice.accessToken()).statusCode()).isEqualTo(401);
        assertThat(count("SELECT COUNT(*) FROM sessions")).as("the session record is gone").isZero();
        assertThat(count("SELECT COUNT(*) FROM cache_entries")).isZero();
        assertThat(count("SELECT COUNT(*) FROM jobs")).isZero();
        assertThat(count("SELECT COUNT(*) FROM refresh_tokens")).isZero();
        assertThat(RunningRet.json(ret.send(ret.request("/readyz").GET())).get("checks").get("database").asText()).isEqualTo("ok");
        assertThat(ret.send(ret.request("/metrics").GET()).body()).contains("ret_cache_hits_total{tier=\"postgres\"} ");
    }

    /** The session's index is a PostgreSQL table of its own, found the same way and dropped at logout. */
    @Test
    void aConversionIsSearchableInPostgresAndLogoutDropsItsTable() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        HttpResponse<String> uploaded = ret.upload(alice.accessToken(), "journal.xml", "application/xml",
                Files.readAllBytes(SharedSamples.resolve("crossref/journal_article_4.4.2.xml")));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(ret.convertAndIndex(alice.accessToken(), "{}").get("status").asText())
                .isEqualTo("succeeded");
        assertThat(count("SELECT COUNT(*) FROM search_" + alice.sessionId())).isEqualTo(2);

        JsonNode hits = RunningRet.json(ret.get("/api/search?q=%22best%20metadata%22%20imperf*", alice.accessToken())).get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("path").asText()).isEqualTo("output/journal.csv");
        assertThat(hits.get(0).get("columns").toString()).contains("titles.title");

        JsonNode removed = RunningRet.json(ret.post("/api/auth/logout", alice.accessToken())).get("removed");

        assertThat(removed.get("index_rows").asLong()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM pg_class WHERE relname LIKE '%" + alice.sessionId() + "%'"))
                .as("no table, index or sequence of the session's index remains").isZero();
    }

    private JsonNode awaitFinished(Login login, HttpResponse<String> accepted) throws InterruptedException {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String statusUrl = RunningRet.json(accepted).get("status_url").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode job = RunningRet.json(ret.get(statusUrl, login.accessToken()));
            if (List.of("succeeded", "failed", "cancelled").contains(job.get("status").asText())) {
                return job;
            }
            assertThat(System.nanoTime()).as("job still " + job.get("status") + " at the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
