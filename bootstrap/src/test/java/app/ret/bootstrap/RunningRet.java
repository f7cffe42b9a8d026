package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.user.Role;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The real runtime on port 0 over a temp runtime root, with a hand-moved clock, and a client for it. */
final class RunningRet implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String JWT_SECRET = "0123456789abcdef0123456789abcdef-test-key";
    static final String INSTANCE = "test-instance-1";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_WAIT = Duration.ofSeconds(60);
    private static final Pattern ERROR_STATUS = Pattern.compile("status=\"[45]\\d\\d\"");

    final Path root;
    final MutableClock clock;
    final RetRuntime runtime;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningRet(Path root, MutableClock clock, RetRuntime runtime) {
        this.root = root;
        this.clock = clock;
        this.runtime = runtime;
    }

    static Map<String, String> testSettings(Path root) {
        Map<String, String> settings = new HashMap<>();
        settings.put("API_PORT", "0");
        settings.put("RET_RUNTIME_ROOT", root.toString());
        settings.put("PASSWORD_HASH_ITERATIONS", "1000");
        settings.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        settings.put("JWT_SECRET_KEY", JWT_SECRET);
        settings.put("HTTP_MAX_REQUEST_SECONDS", "3");
        settings.put("HTTP_THREADS", "8");
        settings.put("RET_INSTANCE_ID", INSTANCE);
        return settings;
    }

    static RunningRet start(Path root) {
        return start(root, MutableClock.atSomeFixedTime(), Map.of());
    }

    static RunningRet start(Path root, MutableClock clock, Map<String, String> overrides) {
        Map<String, String> settings = testSettings(root);
        settings.putAll(overrides);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RetRuntime runtime = RetRuntime.serve(RetConfig.from(settings), clock, new Random(42),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        RunningRet running = new RunningRet(root, clock, runtime);
        ErrorBodyHygiene.serverRoot(root.toAbsolutePath().toString());
        running.console.writeBytes(console.toByteArray());
        return running;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + runtime.port() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            ErrorBodyHygiene.record(built, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(20)).build();
            HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
            ErrorBodyHygiene.recordBytes(built, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /api/files?name=...} with a raw body. */
    HttpResponse<String> upload(String accessToken, String name, String contentType, byte[] body) {
        return send(request("/api/files?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    HttpResponse<String> get(String path, String accessToken) {
        return send(request(path).header("Authorization", "Bearer " + accessToken).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postJson(String path, String accessToken, String json) {
        return send(request(path).header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Polls the job a 202 answer points at until it finishes, adding every state seen to {@code seen}. */
    JsonNode awaitJob(String accessToken, HttpResponse<String> accepted, List<JsonNode> seen) throws InterruptedException {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String statusUrl = json(accepted).get("status_url").asText();
        assertThat(accepted.headers().firstValue("Location")).contains(statusUrl);
        return awaitJob(accessToken, statusUrl, seen);
    }

    private JsonNode awaitJob(String accessToken, String statusUrl, List<JsonNode> seen) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_WAIT.toNanos();
        while (true) {
            JsonNode job = json(get(statusUrl, accessToken));
            seen.add(job);
            if (List.of("succeeded", "failed", "cancelled").contains(job.get("status").asText())) {
                return job;
            }
            assertThat(System.nanoTime()).as("job still " + job.get("status") + " at the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    JsonNode awaitJob(String accessToken, HttpResponse<String> accepted) throws InterruptedException {
        return awaitJob(accessToken, accepted, new ArrayList<>());
    }

    /** Waits for the index job a finished conversion names (ADR 0013 item 16) and returns it as it ended: then its rows are searchable. */
    JsonNode awaitIndexJob(String accessToken, JsonNode conversion) throws InterruptedException {
        JsonNode indexJob = conversion.get("result").get("index_job");
        assertThat(indexJob).as("the conversion names its index job: " + conversion).isNotNull();
        return awaitJob(accessToken, "/api/jobs/" + indexJob.asText(), new ArrayList<>());
    }

    /** Submits a conversion, waits for it and then for its index job; returns the conversion as it ended. */
    JsonNode convertAndIndex(String accessToken, String requestJson) throws InterruptedException {
        JsonNode conversion = awaitJob(accessToken, postJson("/api/conversions", accessToken, requestJson));
        JsonNode indexJob = awaitIndexJob(accessToken, conversion);
        assertThat(indexJob.get("status").asText()).as(indexJob.toString()).isEqualTo("succeeded");
        return conversion;
    }

    HttpResponse<String> post(String path, String accessToken) {
        return send(request(path).header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(String path, String accessToken) {
        return send(request(path).header("Authorization", "Bearer " + accessToken).DELETE());
    }

    Login login(String username, String password) {
        HttpResponse<String> response = postJson("/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        return new Login(body.get("access_token").asText(), refreshCookie(response), body.get("session_id").asText());
    }

    Login loginAsAdmin() {
        return login("admin", ADMIN_PASSWORD);
    }

    Login loginAsNewUser(String username) {
        runtime.core().userAdministration().addUser(username, Role.USER, "secret-password".toCharArray());
        return login(username, "secret-password");
    }

    HttpResponse<String> refresh(String refreshToken) {
        return send(request("/api/auth/refresh").header("Cookie", "refresh_token=" + refreshToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    static String refreshCookie(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("refresh_token="))
                .findFirst().orElseThrow();
        return cookie.substring("refresh_token=".length(), cookie.indexOf(';'));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path sessionDirectory(String sessionId) {
        return root.resolve("sessions").resolve(sessionId);
    }

    /** Waits (up to 10 s) for the background step of an ending: no file or folder under the root names the session. */
    void awaitNothingOnDiskOf(String sessionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Path> left = pathsNaming(sessionId);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = pathsNaming(sessionId);
        }
        assertThat(left).as("what the session left on disk after the background step").isEmpty();
    }

    private List<Path> pathsNaming(String sessionId) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.toString().contains(sessionId)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return pathsNaming(sessionId); // a folder vanished during the walk: look again
            }
            throw e;
        }
    }

    /** The error responses (4xx, 5xx) this server counted in its metrics. */
    long errorResponsesSent() {
        HttpResponse<String> metrics = send(request("/metrics").GET());
        return metrics.body().lines()
                .filter(line -> line.startsWith("ret_http_requests_total{"))
                .filter(line -> ERROR_STATUS.matcher(line).find())
                .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Stops the server, first telling the error-hygiene check how many error responses it sent. */
    @Override
    public void close() {
        try {
            ErrorBodyHygiene.serverSentErrors(errorResponsesSent());
        } catch (RuntimeException stoppedAlready) {
            // A test that stopped the server itself leaves nothing to ask; its responses were still checked.
        }
        runtime.close();
    }

    record Login(String accessToken, String refreshToken, String sessionId) {}
}
