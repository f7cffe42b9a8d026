package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/session/state} over real HTTP, on the real wiring. */
class StateEndToEndTest {
    private static final String STATE = "/api/session/state/";
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private RunningRet ret;

    private RunningRet start(Map<String, String> overrides) {
        ret = RunningRet.start(root, clock, overrides);
        return ret;
    }

    @AfterEach
    void stop() {
        if (ret != null) {
            ret.close();
        }
    }

    private HttpResponse<String> put(String key, String json, String accessToken) {
        return put(key, json.getBytes(StandardCharsets.UTF_8), accessToken);
    }

    private HttpResponse<String> put(String key, byte[] json, String accessToken) {
        return ret.send(ret.request(STATE + key).header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    private static String jsonString(int totalBytes) {
        return "\"" + "x".repeat(totalBytes - 2) + "\"";
    }

    @Test
    void valuesRoundTripExactlyWithTheirJsonTypes() {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        List<String> values = List.of("\"123\"", "123", "12.50", "true", "null", "[]",
                "{\"a\":[1,2.50,true,null,\"x\"],\"b\":{\"c\":\"\u00fc\u20ac\ud83d\ude00\"}}", " [ 1 , 2 ] ");
        for (int i = 0; i < values.size(); i++) {
            HttpResponse<String> stored = put("v" + i, values.get(i), login.accessToken());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
            assertThat(stored.body()).isEmpty();
        }
        for (int i = 0; i < values.size(); i++) {
            HttpResponse<String> read = ret.get(STATE + "v" + i, login.accessToken());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(values.get(i));
            assertThat(read.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(read.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void theListShowsKeysSortedWithSizeAndExpiry() {
        start(Map.of("SESSION_CACHE_TTL_SECONDS", "120"));
        Login login = ret.loginAsAdmin();
        put("b", "\"bb\"", login.accessToken());
        put("a", "1", login.accessToken());
        put("c", "{}", login.accessToken());
        ret.send(ret.request(STATE + "c?ttl=30").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));

        HttpResponse<String> list = ret.get("/api/session/state", login.accessToken());

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode entries = RunningRet.json(list).get("entries");
        assertThat(entries.findValuesAsText("key")).containsExactly("a", "b", "c");
        assertThat(entries.get(1).get("size").asLong()).isEqualTo(4);
        assertThat(entries.get(0).get("expires_at").asText()).isEqualTo("2026-11-25T12:02:00Z");
        assertThat(entries.get(2).get("expires_at").asText()).isEqualTo("2026-11-25T12:00:30Z");
    }

    @Test
    void aValueExpiresAfterItsTimeToLive() {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        HttpResponse<String> stored = ret.send(ret.request(STATE + "short?ttl=60").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("\"soon gone\"")));
        assertThat(stored.statusCode()).isEqualTo(204);

        clock.advance(Duration.ofSeconds(59));
        assertThat(ret.get(STATE + "short", login.accessToken()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = ret.get(STATE + "short", login.accessToken());
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(RunningRet.json(expired).get("code").asText()).isEqualTo("not_found");
        assertThat(ret.delete(STATE + "short", login.accessToken()).statusCode()).isEqualTo(404);
        assertThat(RunningRet.json(ret.get("/api/session/state", login.accessToken())).get("entries")).isEmpty();
    }

    @Test
    void noValueOutlivesItsSession() {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        ret.send(ret.request(STATE + "long?ttl=999999999999").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("1")));
        JsonNode entry = RunningRet.json(ret.get("/api/session/state", login.accessToken())).get("entries").get(0);
        assertThat(entry.get("expires_at").asText()).as("the session's absolute end").isEqualTo("2026-11-26T00:00:00Z");
    }

    @Test
    void deleteRemovesAValueOnce() {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        put("k", "1", login.accessToken());
        assertThat(ret.delete(STATE + "k", login.accessToken()).statusCode()).isEqualTo(204);
        assertThat(ret.delete(STATE + "k", login.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.get(STATE + "k", login.accessToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void logoutPurgesTheStateAndReportsIt() {
        start(Map.of("SESSION_CACHE_MAX_SIZE", "2"));
        Login login = ret.loginAsAdmin();
        for (int i = 0; i < 5; i++) {
            assertThat(put("k" + i, Integer.toString(i), login.accessToken()).statusCode()).isEqualTo(204);
        }

        HttpResponse<String> logout = ret.post("/api/auth/logout", login.accessToken());

        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(RunningRet.json(logout).get("removed").get("cache_entries").asLong())
                .as("all five, three of which only the disk held").isEqualTo(5);
        assertThat(ret.get(STATE + "k0", login.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.runtime.core().cache().list(new app.ret.domain.cache.CacheKeyPrefix("session:" + login.sessionId() + ":"))).isEmpty();
        Login again = ret.loginAsAdmin();
        assertThat(RunningRet.json(ret.get("/api/session/state", again.accessToken())).get("entries")).isEmpty();
    }

    @Test
    void anotherSessionCannotSeeTheState() {
        start(Map.of());
        Login alice = ret.loginAsNewUser("alice");
        Login bob = ret.loginAsNewUser("bob");
        Login aliceElsewhere = ret.login("alice", "secret-password");
        put("secret", "\"alice's\"", alice.accessToken());

        for (Login other : List.of(bob, aliceElsewhere)) {
            assertThat(ret.get(STATE + "secret", other.accessToken()).statusCode()).isEqualTo(404);
            assertThat(ret.delete(STATE + "secret", other.accessToken()).statusCode()).isEqualTo(404);
            assertThat(RunningRet.json(ret.get("/api/session/state", other.accessToken())).get("entries")).isEmpty();
        }
        assertThat(ret.get(STATE + "secret", alice.accessToken()).body()).isEqualTo("\"alice's\"");
    }

    @Test
    void aValueOverOneMebibyteIs413AndOneOfExactlyThatSizeIsStored() throws IOException {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        assertThat(put("full", jsonString(MIB), login.accessToken()).statusCode()).isEqualTo(204);
        assertThat(ret.get(STATE + "full", login.accessToken()).body()).hasSize(MIB);

        String declared = rawPut("over", login.accessToken(), "Content-Length: " + (MIB + 1));
        assertThat(declared).as("refused on the declared length, before a byte of the body")
                .startsWith("HTTP/1.1 413").contains("payload_too_large");

        HttpResponse<String> chunked = ret.send(ret.request(STATE + "chunked").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        jsonString(MIB + 1).getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).as("a body without a length is cut at the limit").isEqualTo(413);

        assertThat(ret.get(STATE + "over", login.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.get(STATE + "chunked", login.accessToken()).statusCode()).isEqualTo(404);
    }

    /**
     * A PUT of headers only, written by hand: a client that sent the body the server refuses
     * unread could lose the answer to the connection reset that follows.
     */
    private String rawPut(String key, String accessToken, String framing) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ret.runtime.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + STATE + key + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + accessToken
                    + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }

    @Test
    void badKeysAre400AndTheLongestGoodKeyWorks() throws IOException {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        String longest = "k".repeat(200);
        assertThat(put(longest, "1", login.accessToken()).statusCode()).isEqualTo(204);
        assertThat(put("a.b_c:d-E9", "1", login.accessToken()).statusCode()).isEqualTo(204);
        for (String bad : List.of("k".repeat(201), "bad%20key", "a%2Fb", "%C3%BC", "a%00b", "semi;colon")) {
            HttpResponse<String> refused = put(bad, "1", login.accessToken());
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(RunningRet.json(refused).get("code").asText()).isEqualTo("validation_failed");
            assertThat(ret.get(STATE + bad, login.accessToken()).statusCode()).as(bad).isEqualTo(400);
            assertThat(ret.delete(STATE + bad, login.accessToken()).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(RunningRet.json(ret.get("/api/session/state", login.accessToken())).get("entries")).hasSize(2);
        assertThat(rawPut("bad%20key", login.accessToken(), "Content-Length: " + (MIB + 1)))
                .as("the key is refused before the (oversized) body is looked at").startsWith("HTTP/1.1 400");
    }

    @Test
    void bodiesThatAreNotOneJsonValueAndBadTtlsAre400() {
        start(Map.of());
        Login login = ret.loginAsAdmin();
        for (String body : List.of("", "{", "{} {}", "[1,]", "'single'", "undefined")) {
            assertThat(put("k", body, login.accessToken()).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(put("k", new byte[] {'"', (byte) 0xC3, '"'}, login.accessToken()).statusCode()).as("broken UTF-8").isEqualTo(400);
        for (String ttl : List.of("0", "-5", "abc", "1.5", "")) {
            HttpResponse<String> refused = ret.send(ret.request(STATE + "k?ttl=" + ttl).header("Authorization", "Bearer " + login.accessToken())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("1")));
            assertThat(refused.statusCode()).as("ttl=" + ttl).isEqualTo(400);
        }
        HttpResponse<String> wrongType = ret.send(ret.request(STATE + "k").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("1")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(ret.get(STATE + "k", login.accessToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void stateNeedsAnAccessTokenAndKnowsItsMethods() {
        start(Map.of());
        assertThat(ret.send(ret.request(STATE + "k").GET()).statusCode()).isEqualTo(401);
        assertThat(ret.send(ret.request("/api/session/state").GET()).statusCode()).isEqualTo(401);
        HttpResponse<String> wrongMethod = ret.send(ret.request(STATE + "k").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow").orElseThrow()).contains("PUT", "GET", "DELETE");
    }

    @Test
    void theOpenApiDocumentDescribesTheStateRoutes() {
        start(Map.of());
        JsonNode paths = RunningRet.json(ret.send(ret.request("/api/openapi.json").GET())).get("paths");
        assertThat(paths.get("/api/session/state").has("get")).isTrue();
        JsonNode item = paths.get("/api/session/state/{key}");
        assertThat(item.has("put") && item.has("get") && item.has("delete")).isTrue();
        assertThat(item.get("put").get("responses").has("413")).isTrue();
        assertThat(item.get("parameters").get(0).get("schema").get("pattern").asText()).isEqualTo("^[A-Za-z0-9._:-]{1,200}$");
    }

    @Test
    void storedValuesSurviveARestartAndMemoryEvictions() {
        start(Map.of("SESSION_CACHE_MAX_SIZE", "2"));
        Login login = ret.loginAsAdmin();
        for (int i = 0; i < 6; i++) {
            put("k" + i, "{\"n\":" + i + "}", login.accessToken());
        }
        for (int i = 0; i < 6; i++) {
            assertThat(ret.get(STATE + "k" + i, login.accessToken()).body()).isEqualTo("{\"n\":" + i + "}");
        }
        ret.close();
        start(Map.of("SESSION_CACHE_MAX_SIZE", "2"));
        for (int i = 0; i < 6; i++) {
            assertThat(ret.get(STATE + "k" + i, login.accessToken()).body()).isEqualTo("{\"n\":" + i + "}");
        }
    }
}
