package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With RET_DATABASE_URL the session's index is a PostgreSQL table of its own, found the same way and dropped at logout. */
class SearchPostgresEndToEndTest {
    @TempDir
    Path root;

    private final PostgresTestDatabase database = PostgresServer.shared().newDatabase();
    @RegisterExtension
    final ServerUnderTest server = new ServerUnderTest();
    private RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("RET_DATABASE_URL", database.url()));
    }

    @Test
    void aConversionIsSearchableInPostgresAndLogoutDropsItsTable() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        HttpResponse<String> uploaded = ret.upload(alice.accessToken(), "journal.xml", "application/xml",
                Files.readAllBytes(SharedSamples.resolve("crossref/journal_article_4.4.2.xml")));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(ret.awaitJob(alice.accessToken(), ret.postJson("/api/conversions", alice.accessToken(), "{}")).get("status").asText())
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

    private long count(String query) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
