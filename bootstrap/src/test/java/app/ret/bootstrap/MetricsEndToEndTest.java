package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP: what the series count, their bounded labels, the text format. */
class MetricsEndToEndTest {
    /** A sample line of the text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*\\})? (-?[0-9.]+(?:[eE][-+]?\\d+)?|[+-]Inf|NaN)");

    @TempDir
    Path root;

    @RegisterExtension
    final ServerClosedAfterEach server = new ServerClosedAfterEach();
    private RunningRet ret;

    /**
     * The metrics once the server has recorded {@code requests} requests other than scrapes: a
     * request is recorded just after its response is sent, so a scrape right after the last
     * response may come a moment too early.
     */
    private Map<String, Double> scrapeAfter(int requests) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Map<String, Double> samples = scrape();
            double recorded = samples.entrySet().stream()
                    .filter(sample -> sample.getKey().startsWith("ret_http_requests_total{") && !sample.getKey().contains("/metrics"))
                    .mapToDouble(Map.Entry::getValue).sum();
            if (recorded >= requests || attempt == 100) {
                return samples;
            }
            Thread.sleep(10);
        }
    }

    private Map<String, Double> scrape() {
        HttpResponse<String> response = ret.send(ret.request("/metrics").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a valid sample line: " + line).isTrue();
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(
                    sample.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
        }
        return samples;
    }

    @Test
    void requestsAreCountedByRouteTemplateAndStatusNeverByRawPath() throws InterruptedException {
        ret = server.start(root);
        Login admin = ret.loginAsAdmin();
        for (int i = 0; i < 3; i++) {
            ret.send(ret.request("/healthz").GET());
        }
        ret.send(ret.request("/no/such/path-8f3a").GET());
        ret.send(ret.request("/api/also-missing-8f3a").GET());
        ret.delete("/api/admin/sessions/raw-session-id-8f3a", admin.accessToken());
        ret.send(ret.request("/healthz").method("BREW", HttpRequest.BodyPublishers.noBody()));

        Map<String, Double> samples = scrapeAfter(8);

        assertThat(samples).containsEntry("ret_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}", 3.0)
                .containsEntry("ret_http_requests_total{method=\"POST\",route=\"/api/auth/login\",status=\"200\"}", 1.0)
                .containsEntry("ret_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}", 2.0)
                .containsEntry("ret_http_requests_total{method=\"DELETE\",route=\"/api/admin/sessions/{id}\",status=\"404\"}", 1.0)
                .containsEntry("ret_http_requests_total{method=\"other\",route=\"/healthz\",status=\"405\"}", 1.0);
        assertThat(String.join("\n", samples.keySet())).doesNotContain("8f3a", "BREW");
    }

    @Test
    void theLatencyHistogramCountsEveryRequestOnceInCumulativeBuckets() throws InterruptedException {
        ret = server.start(root);
        for (int i = 0; i < 5; i++) {
            ret.send(ret.request("/readyz").GET());
        }

        Map<String, Double> samples = scrapeAfter(5);

        String series = "ret_http_request_duration_seconds";
        String labels = "method=\"GET\",route=\"/readyz\"";
        assertThat(samples).containsEntry(series + "_count{" + labels + "}", 5.0)
                .containsEntry(series + "_bucket{" + labels + ",le=\"+Inf\"}", 5.0);
        assertThat(samples.get(series + "_sum{" + labels + "}")).isPositive().isLessThan(5 * 20.0);
        double previous = 0;
        for (Map.Entry<String, Double> bucket : samples.entrySet()) {
            if (bucket.getKey().startsWith(series + "_bucket{" + labels)) {
                assertThat(bucket.getValue()).as(bucket.getKey()).isGreaterThanOrEqualTo(previous);
                previous = bucket.getValue();
            }
        }
    }

    @Test
    void coreFiguresShowSessionsWorkspacesAndApiRefusals() throws Exception {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("RATE_LIMIT_REQUESTS", "3"));
        Login alice = ret.loginAsNewUser("alice");
        ret.loginAsNewUser("bob");
        Path input = ret.sessionDirectory(alice.sessionId()).resolve("input");
        Files.createDirectories(input);
        Files.write(input.resolve("a.xml"), new byte[1234]);
        Files.write(input.resolve("b.xml"), new byte[766]);
        for (int i = 0; i < 5; i++) {
            ret.get("/api/auth/me", alice.accessToken());
        }

        Map<String, Double> samples = scrapeAfter(7);

        assertThat(samples).containsEntry("ret_sessions_active", 2.0)
                .containsEntry("ret_workspace_files", 2.0)
                .containsEntry("ret_workspace_bytes", 2000.0)
                .containsEntry("ret_rate_limit_refusals_total{limit=\"api\"}", 2.0)
                .containsEntry("ret_rate_limit_refusals_total{limit=\"login\"}", 0.0)
                .containsEntry("ret_http_requests_total{method=\"GET\",route=\"/api/auth/me\",status=\"429\"}", 2.0);
    }

    @Test
    void cacheReadsAreCountedPerTierWithTheMemoryTiersEvictions() throws Exception {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("SESSION_CACHE_MAX_SIZE", "2"));
        Login alice = ret.loginAsNewUser("alice");
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> put = ret.send(ret.request("/api/session/state/k" + i)
                    .header("Authorization", "Bearer " + alice.accessToken()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")));
            assertThat(put.statusCode()).isEqualTo(204);
        }
        assertThat(ret.get("/api/session/state/k5", alice.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.get("/api/session/state/k1", alice.accessToken()).statusCode()).as("evicted from memory, kept on disk")
                .isEqualTo(200);
        assertThat(ret.get("/api/session/state/never-stored", alice.accessToken()).statusCode()).isEqualTo(404);

        Map<String, Double> samples = scrapeAfter(9);
        for (int attempt = 0; attempt < 100 && samples.get("ret_cache_evictions_total{tier=\"memory\"}") < 3; attempt++) {
            Thread.sleep(10);
            samples = scrape();
        }

        assertThat(samples.get("ret_cache_hits_total{tier=\"memory\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(samples.get("ret_cache_hits_total{tier=\"sqlite\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(samples.get("ret_cache_misses_total{tier=\"memory\"}")).isGreaterThanOrEqualTo(2.0);
        assertThat(samples.get("ret_cache_misses_total{tier=\"sqlite\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(samples.get("ret_cache_evictions_total{tier=\"memory\"}")).as("five entries through a tier of two")
                .isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void jobsAreShownByStatus() throws Exception {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("JOB_TEST_TYPE_ENABLED", "true", "JOB_WORKERS", "1"));
        Login alice = ret.loginAsNewUser("alice");
        for (String units : new String[] {"0", "0", "100000"}) {
            HttpResponse<String> submitted = ret.send(ret.request("/api/jobs").header("Authorization", "Bearer " + alice.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"test\",\"units\":" + units + ",\"unit_millis\":10}")));
            assertThat(submitted.statusCode()).isEqualTo(202);
        }

        Map<String, Double> samples = scrapeAfter(4);
        for (int attempt = 0; attempt < 300 && samples.get("ret_jobs{status=\"succeeded\"}") < 2; attempt++) {
            Thread.sleep(10);
            samples = scrape();
        }

        assertThat(samples).containsEntry("ret_jobs{status=\"succeeded\"}", 2.0)
                .containsEntry("ret_jobs{status=\"failed\"}", 0.0)
                .containsEntry("ret_jobs{status=\"cancelled\"}", 0.0);
        assertThat(samples.get("ret_jobs{status=\"queued\"}") + samples.get("ret_jobs{status=\"running\"}"))
                .as("the long job, queued or running").isEqualTo(1.0);
    }

    @Test
    void loginThrottlingIsCountedApartFromTheApiLimit() throws InterruptedException {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("LOGIN_MAX_FAILURES", "2"));
        for (int i = 0; i < 5; i++) {
            ret.postJson("/api/auth/login", "{\"username\":\"carol\",\"password\":\"wrong\"}");
        }

        Map<String, Double> samples = scrapeAfter(5);

        assertThat(samples).containsEntry("ret_rate_limit_refusals_total{limit=\"login\"}", 3.0)
                .containsEntry("ret_rate_limit_refusals_total{limit=\"api\"}", 0.0)
                .containsEntry("ret_http_requests_total{method=\"POST\",route=\"/api/auth/login\",status=\"401\"}", 2.0)
                .containsEntry("ret_http_requests_total{method=\"POST\",route=\"/api/auth/login\",status=\"429\"}", 3.0);
    }

    @Test
    void metricsAreNeitherRateLimitedNorAuthenticated() {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("RATE_LIMIT_REQUESTS", "1"));
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = ret.send(ret.request("/metrics").GET());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }
        assertThat(scrape()).containsEntry("ret_rate_limit_refusals_total{limit=\"api\"}", 0.0);
    }
}
