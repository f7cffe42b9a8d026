package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The logs of real runs: access lines, LOG_FORMAT=json, and never a secret in them. */
class LoggingEndToEndTest extends ServerPerTestFixture {
    private final Logger rootLogger = Logger.getLogger("");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @AfterEach
    void restoreLogging() throws IOException {
        rootLogger.removeHandler(capture);
        LogManager.getLogManager().readConfiguration();
    }

    /** Every record at every level (DEBUG and TRACE included), as both formatters would write it. */
    private String everythingLogged() {
        LogSetup.TextLineFormatter text = new LogSetup.TextLineFormatter();
        LogSetup.JsonLineFormatter json = new LogSetup.JsonLineFormatter();
        StringBuilder all = new StringBuilder();
        synchronized (records) {
            for (LogRecord record : records) {
                all.append(text.format(record)).append(json.format(record));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        all.append(parameter).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private List<String> accessLines() {
        LogSetup.TextLineFormatter text = new LogSetup.TextLineFormatter();
        synchronized (records) {
            return records.stream().filter(record -> "app.ret.access".equals(record.getLoggerName())).map(text::format).toList();
        }
    }

    /**
     * The access line of the request with this id: a line is written just after its response
     * is sent, so the client may see the response a moment before the line exists.
     */
    private String awaitAccessLine(String requestId) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            for (String line : accessLines()) {
                if (line.contains("request_id=" + requestId + " ")) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no access line for " + requestId);
    }

    @Test
    void aFullSessionLogsNoPasswordTokenOrKey() throws Exception {
        rootLogger.setLevel(Level.ALL);
        rootLogger.addHandler(capture);
        List<String> secrets = new ArrayList<>(List.of(RunningRet.ADMIN_PASSWORD, RunningRet.JWT_SECRET, "secret-password",
                "wrong-guess-7Qz", "p\\\"w{0}d-5Kx"));

        Login admin = ret.loginAsAdmin();
        Login alice = ret.loginAsNewUser("alice");
        ret.postJson("/api/auth/login", "{\"username\":\"alice\",\"password\":\"wrong-guess-7Qz\"}");
        ret.postJson("/api/auth/login", "{\"username\":\"nobody\",\"password\":\"p\\\"w{0}d-5Kx\"}");
        ret.get("/api/auth/me", alice.accessToken());
        assertThat(ret.send(ret.request("/api/session/state/prefs").header("Authorization", "Bearer " + alice.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"theme\":\"dark\"}")))
                .statusCode()).isEqualTo(204);
        assertThat(ret.get("/api/session/state/prefs", alice.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.upload(alice.accessToken(), "records.xml", "application/xml",
                "<records><record><id>1</id></record></records>".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        HttpResponse<String> refreshed = ret.refresh(alice.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String rotatedAccess = RunningRet.json(refreshed).get("access_token").asText();
        String rotatedRefresh = RunningRet.refreshCookie(refreshed);
        ret.clock.advance(Duration.ofSeconds(10));
        assertThat(ret.refresh(alice.refreshToken()).statusCode()).as("reuse of a rotated token after the grace").isEqualTo(401);
        assertThat(ret.get("/api/auth/me", rotatedAccess).statusCode()).as("its session was revoked").isEqualTo(401);
        Login again = ret.login("alice", "secret-password");
        ret.get("/api/admin/sessions", admin.accessToken());
        ret.get("/api/auth/me", "not-a-jwt." + again.accessToken());
        assertThat(ret.post("/api/auth/logout", again.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.post("/api/auth/logout", again.accessToken()).statusCode()).isEqualTo(401);
        for (Login login : List.of(admin, alice, again)) {
            secrets.add(login.accessToken());
            secrets.add(login.accessToken().substring(login.accessToken().lastIndexOf('.') + 1));
            secrets.add(login.refreshToken());
        }
        secrets.add(rotatedAccess);
        secrets.add(rotatedRefresh);
        ret.send(ret.request("/healthz").header("X-Request-Id", "end-of-flow").GET());
        awaitAccessLine("end-of-flow");

        List<String> access = accessLines();
        assertThat(access).as("every request was logged, so the check below saw them").hasSizeGreaterThanOrEqualTo(12);
        assertThat(String.join("", access)).contains("route=/api/auth/refresh status=200", "route=/api/auth/refresh status=401",
                "route=/api/auth/logout status=200 ", "user=alice", "route=/api/auth/login status=401",
                "method=PUT route=/api/session/state/{key} status=204", "method=POST route=/api/files status=201");
        String logged = everythingLogged() + ret.console.toString(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            assertThat(logged).as("a secret of the run").doesNotContain(secret);
        }
    }

    @Test
    void accessLinesCarryRequestIdMethodRouteStatusDurationUserBytesAndInstance() throws InterruptedException {
        rootLogger.addHandler(capture);
        Login alice = ret.loginAsNewUser("alice");

        HttpResponse<String> me = ret.send(ret.request("/api/auth/me").header("X-Request-Id", "trace-4711")
                .header("Authorization", "Bearer " + alice.accessToken()).GET());

        String line = awaitAccessLine("trace-4711");
        assertThat(line).containsPattern("INFO  access request_id=trace-4711 method=GET route=/api/auth/me status=200 "
                + "duration_ms=\\d+(\\.\\d+)? user=alice bytes=" + me.body().getBytes(StandardCharsets.UTF_8).length
                + " instance=" + RunningRet.INSTANCE);
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            LogSetup.configure("INFO", "json");
            rootLogger.addHandler(capture);
            Login alice = ret.loginAsNewUser("alice");
            ret.send(ret.request("/api/auth/me").header("X-Request-Id", "json-line-1")
                    .header("Authorization", "Bearer " + alice.accessToken()).GET());
            ret.send(ret.request("/no/such/route").header("X-Request-Id", "json-line-2").GET());
            System.getLogger("app.ret.test").log(System.Logger.Level.WARNING, "a \"quoted\"\nmulti-line message",
                    new IllegalStateException("with a stack trace"));
            awaitAccessLine("json-line-2");
            for (Handler handler : rootLogger.getHandlers()) {
                handler.flush();
            }
        } finally {
            System.setErr(originalErr);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : stderr.toString(StandardCharsets.UTF_8).split(System.lineSeparator())) {
            JsonNode parsed = RunningRet.JSON.readTree(line);
            assertThat(parsed.isObject()).as(line).isTrue();
            assertThat(parsed.get("ts").asText()).isNotBlank();
            assertThat(parsed.get("level").asText()).isIn("DEBUG", "INFO", "WARN", "ERROR");
            lines.add(parsed);
        }
        JsonNode me = lines.stream().filter(line -> "json-line-1".equals(line.path("request_id").asText())).findFirst().orElseThrow();
        assertThat(me.get("logger").asText()).isEqualTo("app.ret.access");
        assertThat(me.get("method").asText()).isEqualTo("GET");
        assertThat(me.get("route").asText()).isEqualTo("/api/auth/me");
        assertThat(me.get("status").isInt()).isTrue();
        assertThat(me.get("status").asInt()).isEqualTo(200);
        assertThat(me.get("duration_ms").isNumber()).isTrue();
        assertThat(me.get("user").asText()).isEqualTo("alice");
        assertThat(me.get("bytes").asLong()).isPositive();
        assertThat(me.get("instance").asText()).isEqualTo(RunningRet.INSTANCE);
        JsonNode unmatched = lines.stream().filter(line -> "json-line-2".equals(line.path("request_id").asText())).findFirst().orElseThrow();
        assertThat(unmatched.get("route").asText()).isEqualTo("unmatched");
        assertThat(unmatched.get("status").asInt()).isEqualTo(404);
        assertThat(unmatched.get("user").asText()).isEqualTo("-");
        JsonNode warning = lines.stream().filter(line -> "app.ret.test".equals(line.get("logger").asText())).findFirst().orElseThrow();
        assertThat(warning.get("message").asText()).isEqualTo("a \"quoted\"\nmulti-line message");
        assertThat(warning.get("error").asText()).contains("IllegalStateException: with a stack trace");
    }
}
