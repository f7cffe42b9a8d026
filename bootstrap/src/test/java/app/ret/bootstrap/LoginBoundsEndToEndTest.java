package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.domain.user.Role;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 over real HTTP: device cookies against lockouts, refresh races between tabs, sessions per user. */
class LoginBoundsEndToEndTest {
    private static final String PASSWORD = "dave-password-1";

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @RegisterExtension
    final ServerClosedAfterEach server = new ServerClosedAfterEach();
    private RunningRet ret;

    @Test
    void anAttackerLockingDaveFromFiveAddressesLocksOutNewDevicesButDavesBrowserStillLogsIn() {
        start(Map.of("TRUSTED_PROXIES", "127.0.0.1"));
        HttpResponse<String> first = login("dave", PASSWORD, "198.51.100.7", Optional.empty());
        assertThat(first.statusCode()).isEqualTo(200);
        String deviceCookie = deviceCookie(first);
        for (int i = 1; i <= 5; i++) {
            assertThat(login("dave", "guess-" + i, "203.0.113." + i, Optional.empty()).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> newDevice = login("dave", PASSWORD, "192.0.2.20", Optional.empty());
        HttpResponse<String> davesBrowser = login("dave", PASSWORD, "198.51.100.7", Optional.of(deviceCookie));

        assertThat(newDevice.statusCode()).isEqualTo(429);
        assertThat(newDevice.headers().firstValue("Retry-After")).contains("300");
        assertThat(davesBrowser.statusCode()).as(davesBrowser.body()).isEqualTo(200);
        assertThat(deviceCookie(davesBrowser)).isNotEqualTo(deviceCookie);
    }

    @Test
    void theDeviceCookieIsHttpOnlyStrictAndSentToTheLoginOnly() {
        start(Map.of());
        HttpResponse<String> response = login("dave", PASSWORD, "198.51.100.7", Optional.empty());

        String cookie = response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("ret_device=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/api/auth/login")
                .contains("; Max-Age=7776000");
        assertThat(RunningRet.json(response).has("ended_sessions")).isTrue();
    }

    /** Issue 15 reproduced: four tabs refreshing with one cookie got one 200, three 401, and the session ended. */
    @Test
    void fourConcurrentRefreshesWithOneCookieLeaveTheSessionAlive() throws Exception {
        start(Map.of());
        Login login = ret.login("dave", PASSWORD);
        ExecutorService tabs = Executors.newFixedThreadPool(4);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racing.add(tabs.submit(() -> {
                    start.await();
                    return ret.refresh(login.refreshToken());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> response : racing) {
                responses.add(response.get(30, TimeUnit.SECONDS));
            }
        } finally {
            tabs.shutdownNow();
        }

        List<HttpResponse<String>> refreshed = responses.stream().filter(response -> response.statusCode() == 200).toList();
        List<HttpResponse<String>> superseded = responses.stream().filter(response -> response.statusCode() == 401).toList();
        assertThat(refreshed).hasSize(1);
        assertThat(superseded).hasSize(3);
        for (HttpResponse<String> refused : superseded) {
            assertThat(refused.headers().allValues("Set-Cookie")).as("the successor in the jar must survive").isEmpty();
        }
        assertThat(ret.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.refresh(RunningRet.refreshCookie(refreshed.get(0))).statusCode()).isEqualTo(200);
    }

    @Test
    void aLoginBeyondMaxSessionsPerUserEndsTheOldestAndSaysSo() {
        start(Map.of("MAX_SESSIONS_PER_USER", "2"));
        Login oldest = ret.login("dave", PASSWORD);
        ret.upload(oldest.accessToken(), "a.xml", "application/xml", "<a><b>1</b></a>".getBytes());
        clock.advance(java.time.Duration.ofSeconds(1));
        Login second = ret.login("dave", PASSWORD);
        clock.advance(java.time.Duration.ofSeconds(1));

        HttpResponse<String> third = login("dave", PASSWORD, "192.0.2.1", Optional.empty());

        assertThat(third.statusCode()).isEqualTo(200);
        JsonNode ended = RunningRet.json(third).get("ended_sessions");
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).get("session_id").asText()).isEqualTo(oldest.sessionId());
        assertThat(ended.get(0).get("removed").get("files").asLong()).isEqualTo(1);
        assertThat(ended.get(0).get("refresh_tokens_revoked").asInt()).isEqualTo(1);
        assertThat(ret.get("/api/auth/me", oldest.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.get("/api/auth/me", second.accessToken()).statusCode()).isEqualTo(200);
        ret.awaitNothingOnDiskOf(oldest.sessionId());
    }

    private void start(Map<String, String> overrides) {
        ret = server.start(root, clock, overrides);
        ret.runtime.core().userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());
    }

    private HttpResponse<String> login(String username, String password, String forwardedFor, Optional<String> deviceCookie) {
        HttpRequest.Builder request = ret.request("/api/auth/login").header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
        deviceCookie.ifPresent(value -> request.header("Cookie", "ret_device=" + value));
        return ret.send(request);
    }

    private static String deviceCookie(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("ret_device=")).findFirst()
                .orElseThrow();
        return cookie.substring("ret_device=".length(), cookie.indexOf(';'));
    }
}
