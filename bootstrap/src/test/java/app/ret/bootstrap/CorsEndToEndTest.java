package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CORS for the origins in CORS_ORIGINS, over real HTTP, as a browser would ask. */
class CorsEndToEndTest {
    private static final String APP = "https://app.example.com";
    private static final String DEV = "http://localhost:5173";
    private static final String STRANGER = "https://evil.example.net";

    @TempDir
    Path root;

    @RegisterExtension
    final ServerClosedAfterEach server = new ServerClosedAfterEach();
    private RunningRet ret;

    private void start(Map<String, String> overrides) {
        ret = server.start(root, MutableClock.atSomeFixedTime(), overrides);
    }

    private HttpResponse<String> preflight(String path, String origin, String method) {
        return ret.send(ret.request(path).header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static void assertNoCorsHeaders(HttpHeaders headers) {
        assertThat(headers.map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithTheExactOriginAndWhatItMaySend() {
        start(Map.of("CORS_ORIGINS", APP + ", " + DEV));

        HttpResponse<String> response = preflight("/api/admin/sessions/abc", DEV, "DELETE");

        assertThat(response.statusCode()).isEqualTo(204);
        HttpHeaders headers = response.headers();
        assertThat(headers.firstValue("Access-Control-Allow-Origin")).contains(DEV);
        assertThat(headers.firstValue("Access-Control-Allow-Methods")).contains("DELETE");
        assertThat(headers.firstValue("Access-Control-Allow-Headers")).contains("Authorization, Content-Type, X-Request-Id");
        assertThat(headers.firstValue("Access-Control-Max-Age")).contains("600");
        assertThat(headers.firstValue("Vary")).contains("Origin");
        assertThat(headers.firstValue("Access-Control-Allow-Credentials")).as("no cookie outside /api/auth").isEmpty();
    }

    @Test
    void credentialsAreAllowedOnlyWhereTheRefreshCookieIsUsed() {
        start(Map.of("CORS_ORIGINS", APP));

        HttpResponse<String> response = preflight("/api/auth/refresh", APP, "POST");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    }

    @Test
    void aRefusedOriginGetsNoCorsHeadersAndAPlainOptionsKeeps405WithAllow() {
        start(Map.of("CORS_ORIGINS", APP));

        HttpResponse<String> stranger = preflight("/api/auth/me", STRANGER, "GET");
        assertThat(stranger.statusCode()).isEqualTo(405);
        assertThat(stranger.headers().firstValue("Allow")).contains("GET, HEAD");
        assertNoCorsHeaders(stranger.headers());

        HttpResponse<String> plain = ret.send(ret.request("/api/auth/me").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(plain.statusCode()).isEqualTo(405);
        assertThat(plain.headers().firstValue("Allow")).contains("GET, HEAD");
        assertNoCorsHeaders(plain.headers());

        assertThat(preflight("/api/no-such-route", APP, "GET").statusCode()).isEqualTo(404);
    }

    @Test
    void actualRequestsFromAnAllowedOriginMayReadTheResponseOthersMayNot() {
        start(Map.of("CORS_ORIGINS", APP));
        Login alice = ret.loginAsNewUser("alice");

        HttpResponse<String> allowed = ret.send(ret.request("/api/auth/me").header("Origin", APP)
                .header("Authorization", "Bearer " + alice.accessToken()).GET());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("X-Request-Id", "X-RateLimit-Remaining", "Retry-After");

        HttpResponse<String> unauthenticated = ret.send(ret.request("/api/auth/me").header("Origin", APP).GET());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("Access-Control-Allow-Origin"))
                .as("a page can read why it was refused").contains(APP);

        HttpResponse<String> stranger = ret.send(ret.request("/api/auth/me").header("Origin", STRANGER)
                .header("Authorization", "Bearer " + alice.accessToken()).GET());
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(stranger.headers());

        HttpResponse<String> operations = ret.send(ret.request("/healthz").header("Origin", APP).GET());
        assertNoCorsHeaders(operations.headers());
    }

    @Test
    void preflightsAreNotCountedAgainstTheRateLimit() {
        start(Map.of("CORS_ORIGINS", APP, "RATE_LIMIT_REQUESTS", "2"));
        for (int i = 0; i < 5; i++) {
            assertThat(preflight("/api/auth/login", APP, "POST").statusCode()).isEqualTo(204);
        }
        HttpResponse<String> first = ret.send(ret.request("/api/auth/me").GET());
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("1");
    }

    @Test
    void withoutCorsOriginsNoOriginIsAllowed() {
        start(Map.of());
        HttpResponse<String> response = preflight("/api/auth/login", APP, "POST");
        assertThat(response.statusCode()).isEqualTo(405);
        assertNoCorsHeaders(response.headers());
    }
}
