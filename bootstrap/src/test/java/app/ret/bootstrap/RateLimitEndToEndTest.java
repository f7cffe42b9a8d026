package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.domain.user.Role;
import app.ret.ports.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API.md "Rate limits" over real HTTP: the API limit, its headers, client addresses, login throttling. */
class RateLimitEndToEndTest {
    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private RunningRet ret;
    private String limit;
    private String window;

    @AfterEach
    void stop() {
        if (ret != null) {
            ret.close();
        }
    }

    @Test
    void ofAHundredAndFiveRequestsExactlyAHundredGetThrough() {
        start(Map.of());
        Login alice = ret.loginAsNewUser("alice");

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            responses.add(ret.get("/api/auth/me", alice.accessToken()));
        }

        for (int i = 0; i < 100; i++) {
            HttpResponse<String> served = responses.get(i);
            assertThat(served.statusCode()).isEqualTo(200);
            assertLimitHeaders(served, 99 - i, 60);
        }
        for (HttpResponse<String> refused : responses.subList(100, 105)) {
            assertRefused(refused, 60);
        }
    }

    @Test
    void retryAfterAndResetCountDownToTheSecondAndTheWindowStartsOver() {
        start(Map.of("RATE_LIMIT_REQUESTS", "2", "RATE_LIMIT_WINDOW_SECONDS", "30"));
        assertLimitHeaders(openApi(), 1, 30);
        assertLimitHeaders(openApi(), 0, 30);

        clock.advance(Duration.ofMillis(10_500));
        assertRefused(openApi(), 20);
        clock.advance(Duration.ofMillis(19_499));
        assertRefused(openApi(), 1);
        clock.advance(Duration.ofMillis(1));

        HttpResponse<String> again = openApi();
        assertThat(again.statusCode()).isEqualTo(200);
        assertLimitHeaders(again, 1, 30);
    }

    @Test
    void aClientAtThreeTimesItsLimitGetsExactlyTheLimitWhileOneAtHalfIsNeverRefused() throws Exception {
        start(Map.of());
        Login greedy = ret.loginAsNewUser("greedy");
        Login modest = ret.loginAsNewUser("modest");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int window = 0; window < 2; window++) {
                List<Future<List<Integer>>> greedyThreads = new ArrayList<>();
                for (int thread = 0; thread < 3; thread++) {
                    greedyThreads.add(clients.submit(() -> statusesOf(100, greedy)));
                }
                Future<List<Integer>> modestThread = clients.submit(() -> statusesOf(50, modest));

                List<Integer> greedyStatuses = new ArrayList<>();
                for (Future<List<Integer>> thread : greedyThreads) {
                    greedyStatuses.addAll(thread.get(60, TimeUnit.SECONDS));
                }
                assertThat(greedyStatuses).filteredOn(status -> status == 200).hasSize(100);
                assertThat(greedyStatuses).filteredOn(status -> status == 429).hasSize(200);
                assertThat(modestThread.get(60, TimeUnit.SECONDS)).hasSize(50).containsOnly(200);
                clock.advance(Duration.ofSeconds(60));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        start(Map.of("RATE_LIMIT_REQUESTS", "3"));

        for (int i = 1; i <= 3; i++) {
            assertThat(openApiForwardedFor("198.51.100." + i).statusCode()).isEqualTo(200);
        }

        assertRefused(openApiForwardedFor("198.51.100.4"), 60);
        assertRefused(openApi(), 60);
    }

    @Test
    void forwardedForIsBelievedFromATrustedProxyUpToItsNearestUntrustedHop() {
        start(Map.of("RATE_LIMIT_REQUESTS", "3", "TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8"));

        for (int i = 0; i < 3; i++) {
            assertThat(openApiForwardedFor("198.51.100.1").statusCode()).isEqualTo(200);
        }

        assertRefused(openApiForwardedFor("198.51.100.1, 10.1.1.1"), 60);
        assertRefused(openApiForwardedFor("203.0.113.9, 198.51.100.1"), 60);
        assertLimitHeaders(openApiForwardedFor("198.51.100.2"), 2, 60);
        assertLimitHeaders(openApi(), 2, 60);
    }

    @Test
    void loginThrottlingKicksInAfterTheConfiguredFailuresAndSaysWhenToRetry() {
        start(Map.of("LOGIN_MAX_FAILURES", "3", "LOGIN_FAILURE_WINDOW_SECONDS", "120"));
        ret.runtime.core().userAdministration().addUser("alice", Role.USER, "secret-password".toCharArray());
        for (int i = 0; i < 3; i++) {
            assertThat(login("alice", "wrong-password").statusCode()).isEqualTo(401);
        }

        assertTooManyRequests(login("alice", "secret-password"), 120);
        clock.advance(Duration.ofSeconds(100));
        assertTooManyRequests(login("alice", "secret-password"), 20);
        clock.advance(Duration.ofSeconds(20));

        assertThat(login("alice", "secret-password").statusCode()).isEqualTo(200);
    }

    @Test
    void everyApiResponseCarriesTheHeadersErrorsIncluded() {
        start(Map.of());

        HttpResponse<String> unknown = ret.send(ret.request("/api/no-such-route").GET());
        HttpResponse<String> unauthenticated = ret.send(ret.request("/api/auth/me").GET());
        HttpResponse<String> wrongMethod = ret.send(ret.request("/api/auth/login").GET());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertLimitHeaders(unknown, 99, 60);
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertLimitHeaders(unauthenticated, 98, 60);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertLimitHeaders(wrongMethod, 97, 60);
    }

    @Test
    void healthReadinessAndEverythingOutsideTheApiAreNeverLimited() {
        start(Map.of("RATE_LIMIT_REQUESTS", "1"));
        assertThat(openApi().statusCode()).isEqualTo(200);
        assertRefused(openApi(), 60);

        for (int i = 0; i < 5; i++) {
            for (String path : List.of("/healthz", "/readyz", "/metrics", "/index.html")) {
                HttpResponse<String> response = ret.send(ret.request(path).GET());
                assertThat(response.statusCode()).as(path).isNotEqualTo(429);
                assertThat(response.headers().firstValue("X-RateLimit-Limit")).as(path).isEmpty();
            }
        }
        assertThat(ret.send(ret.request("/healthz").GET()).statusCode()).isEqualTo(200);
        assertThat(ret.send(ret.request("/readyz").GET()).statusCode()).isEqualTo(200);
    }

    private void start(Map<String, String> overrides) {
        limit = overrides.getOrDefault("RATE_LIMIT_REQUESTS", "100");
        window = overrides.getOrDefault("RATE_LIMIT_WINDOW_SECONDS", "60");
        ret = RunningRet.start(root, clock, overrides);
    }

    private List<Integer> statusesOf(int requests, Login caller) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = ret.get("/api/auth/me", caller.accessToken());
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).contains("60");
            }
            statuses.add(response.statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> openApi() {
        return ret.send(ret.request("/api/openapi.json").GET());
    }

    private HttpResponse<String> openApiForwardedFor(String forwardedFor) {
        return ret.send(ret.request("/api/openapi.json").header("X-Forwarded-For", forwardedFor).GET());
    }

    private HttpResponse<String> login(String username, String password) {
        return ret.postJson("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private void assertLimitHeaders(HttpResponse<String> response, int remaining, int reset) {
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).contains(limit);
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains(Integer.toString(remaining));
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).contains(Integer.toString(reset));
        assertThat(response.headers().firstValue("RateLimit-Policy")).contains("\"default\";q=" + limit + ";w=" + window);
        assertThat(response.headers().firstValue("RateLimit")).contains("\"default\";r=" + remaining + ";t=" + reset);
    }

    /** Refused by the API limit: the headers say the bucket is empty until the retry time. */
    private void assertRefused(HttpResponse<String> response, int retryAfter) {
        assertTooManyRequests(response, retryAfter);
        assertLimitHeaders(response, 0, retryAfter);
    }

    private static void assertTooManyRequests(HttpResponse<String> response, int retryAfter) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).contains(Integer.toString(retryAfter));
        assertThat(RunningRet.json(response).get("code").asText()).isEqualTo("rate_limited");
        assertThat(RunningRet.json(response).get("status").asInt()).isEqualTo(429);
    }
}
