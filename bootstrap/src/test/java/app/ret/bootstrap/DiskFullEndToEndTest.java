package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the runtime root on a small tmpfs, filled to the last byte. Every write that needs the
 * disk answers 507 {@code insufficient_storage} (never 500) and keeps nothing; readiness names the
 * free space and the database's last write; once space is freed the same server serves again.
 */
class DiskFullEndToEndTest {
    private static final int TMPFS_MIB = 24;
    private static final String PASSWORD = "secret-password";

    private SmallTmpfs disk;
    private RunningRet ret;

    @BeforeEach
    void start() throws Exception {
        disk = SmallTmpfs.mount(TMPFS_MIB);
        ret = RunningRet.start(disk.root(), MutableClock.atSomeFixedTime(), Map.of("RUNTIME_MIN_FREE_MB", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (ret != null) {
                ret.close();
            }
        } finally {
            disk.close();
        }
    }

    @Test
    void writesOnAFullDiskAnswer507KeepNothingAndSucceedOnceSpaceIsFreed() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        byte[] sample = Files.readAllBytes(SharedSamples.resolve("crossref/book_4.4.2.xml"));
        assertThat(putState(alice, "before", "\"kept\"").statusCode()).isEqualTo(204);
        assertThat(ready().statusCode()).isEqualTo(200);

        truncateTheWriteAheadLog();
        disk.fill();

        List<HttpResponse<String>> refused = List.of(
                putState(alice, "during", largeJsonString()),
                ret.upload(alice.accessToken(), "during.xml", "application/xml", sample),
                ret.postJson("/api/auth/login", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}"));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": " + response.body())
                    .isEqualTo(507);
            assertThat(RunningRet.json(response).get("code").asText()).isEqualTo("insufficient_storage");
        }
        HttpResponse<String> notReady = ready();
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode checks = RunningRet.json(notReady).get("checks");
        assertThat(checks.get("runtime_root").asText()).startsWith("free space 0 MiB is below the 1 MiB required");
        assertThat(checks.get("database").asText()).isEqualTo("last write failed: disk full");
        assertThat(ret.get("/api/session/state/during", alice.accessToken()).statusCode()).as("no partial state").isEqualTo(404);
        assertThat(filesUnder(ret.sessionDirectory(alice.sessionId()))).as("no partial upload").isEmpty();

        disk.freeAll();

        assertThat(putState(alice, "during", largeJsonString()).statusCode()).isEqualTo(204);
        assertThat(ret.upload(alice.accessToken(), "during.xml", "application/xml", sample).statusCode()).isEqualTo(201);
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> readyAgain = ready();
        assertThat(readyAgain.statusCode()).as(readyAgain.body()).isEqualTo(200);
    }

    @Test
    void aConversionWhoseOutputDoesNotFitFailsWithInsufficientStorageAndLeavesNoPartialOutput() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        assertThat(ret.upload(alice.accessToken(), "big.xml", "application/xml", bigXml()).statusCode()).isEqualTo(201);

        truncateTheWriteAheadLog();
        disk.fill();
        disk.free(512 * 1024);

        JsonNode failed = ret.awaitJob(alice.accessToken(), convertAll(alice), new ArrayList<>());
        assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("insufficient_storage");
        assertThat(filesUnder(ret.sessionDirectory(alice.sessionId()).resolve("output"))).as("no partial output").isEmpty();
        assertThat(filesUnder(disk.root().resolve("conversion-cache"))).as("no partial cache entry or spill").isEmpty();

        disk.freeAll();

        JsonNode succeeded = ret.awaitJob(alice.accessToken(), convertAll(alice), new ArrayList<>());
        assertThat(succeeded.get("status").asText()).as(succeeded.toString()).isEqualTo("succeeded");
    }

    private HttpResponse<String> convertAll(Login login) {
        return ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    /** About 3 MiB of XML whose CSV (and the converter's spill) does not fit in what is left. */
    private static byte[] bigXml() {
        StringBuilder xml = new StringBuilder("<top>");
        for (int i = 0; i < 30_000; i++) {
            xml.append("<r><id>").append(i).append("</id><title>A title long enough to weigh something ").append(i)
                    .append("</title><note>and a note beside it</note></r>");
        }
        return xml.append("</top>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A state value bigger than anything the log held, so that storing it needs new disk space. */
    private static String largeJsonString() {
        return "\"" + "v".repeat(256 * 1024) + "\"";
    }

    /**
     * SQLite reuses its write-ahead log's space after a checkpoint; emptied, the log must grow on
     * disk for the next write, as it does when a busy server meets a full disk.
     */
    private void truncateTheWriteAheadLog() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + disk.root().resolve("ret_session.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private HttpResponse<String> putState(Login login, String key, String json) {
        return ret.send(ret.request("/api/session/state/" + key).header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> ready() {
        return ret.send(ret.request("/readyz").GET());
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
