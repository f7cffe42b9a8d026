package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.sqlite.SqliteDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TARGETS.md R2 against the real server process: jobs are submitted, the process is killed with
 * SIGKILL while its workers run, restarted, and again, several times; in the end every accepted
 * job has reached exactly one terminal state, none is lost and none is stuck.
 */
class JobsCrashTest {
    private static final int KILLS = 5;
    private static final int JOBS_PER_ROUND = 60;
    private static final int MAX_ATTEMPTS = 3;
    private static final String TEST_JOB = "{\"type\":\"test\",\"units\":4,\"unit_millis\":15}";
    private static final Pattern LISTENING = Pattern.compile("RET listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(7);
    private int launches;
    private Process server;
    private int port;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void everyAcceptedJobEndsInExactlyOneTerminalStateAcrossRepeatedKills() throws Exception {
        launch();
        String token = login();
        Set<String> accepted = new LinkedHashSet<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            submit(token, JOBS_PER_ROUND, accepted);
            awaitSomeJobMidway(token, accepted);
            Thread.sleep(random.nextInt(300));
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            launch();
        }

        Map<String, JsonNode> finalStates = awaitAllFinished(token, accepted);
        int interrupted = 0;
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (String id : accepted) {
            JsonNode job = finalStates.get(id);
            assertThat(job).as("accepted job %s is still there", id).isNotNull();
            String status = job.get("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            int attempts = job.get("attempts").asInt();
            assertThat(attempts).isBetween(1, MAX_ATTEMPTS);
            interrupted += attempts > 1 ? 1 : 0;
            if (status.equals("succeeded")) {
                assertThat(job.get("progress").get("done").asLong()).isEqualTo(4);
            } else {
                assertThat(status).as("job %s", job).isEqualTo("failed");
                assertThat(job.get("error").get("code").asText()).isEqualTo("too_many_attempts");
                assertThat(attempts).isEqualTo(MAX_ATTEMPTS);
            }
        }
        System.out.printf("R2: %d jobs accepted, %d kill -9 cycles, %d jobs interrupted and run again; final states %s%n",
                accepted.size(), KILLS, interrupted, byStatus);
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(KILLS * JOBS_PER_ROUND);
        assertThat(interrupted).as("the kills hit running jobs").isGreaterThanOrEqualTo(1);
        assertThat(byStatus.get("succeeded")).isPositive();

        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        launch();
        assertThat(snapshot(token)).as("finished jobs never change again, across a restart too").isEqualTo(finalStates);
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (SqliteDatabase database = SqliteDatabase.open(root.resolve("ret_session.db"), Clock.systemUTC())) {
            assertThat(database.settings()).containsEntry("integrity_check", "ok");
        }
    }

    /** Starts {@code Main serve} in its own JVM on a free port and waits until it listens. */
    private void launch() throws IOException, InterruptedException {
        launches++;
        Path stdout = root.resolve("server-" + launches + ".out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
                .directory(root.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(root.resolve("server-" + launches + ".err").toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(RunningRet.testSettings(root));
        environment.put("HTTP_MAX_REQUEST_SECONDS", "30");
        environment.put("JOB_TEST_TYPE_ENABLED", "true");
        environment.put("JOB_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS));
        environment.put("RATE_LIMIT_REQUESTS", "1000000");
        server = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
                return;
            }
            assertThat(server.isAlive()).as("server %d exited: %s", launches, Files.readString(root.resolve("server-" + launches + ".err")))
                    .isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("server " + launches + " did not start listening");
    }

    private String login() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + RunningRet.ADMIN_PASSWORD + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    private void submit(String token, int jobs, Set<String> accepted) {
        for (int i = 0; i < jobs; i++) {
            HttpResponse<String> response = send(authorized("/api/jobs", token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TEST_JOB)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            accepted.add(json(response).get("job_id").asText());
        }
    }

    /**
     * Waits until a worker is in the middle of a job: started, not finished. On a slow machine the
     * workers may have finished everything before the submissions ended; then a few more jobs go in.
     */
    private void awaitSomeJobMidway(String token, Set<String> accepted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean unfinished = false;
            for (JsonNode job : snapshot(token).values()) {
                String status = job.get("status").asText();
                if (status.equals("running") && job.get("progress").get("done").asLong() > 0) {
                    return;
                }
                unfinished |= !FINISHED.contains(status);
            }
            if (!unfinished) {
                submit(token, 10, accepted);
            }
            Thread.sleep(5);
        }
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        snapshot(token).values().forEach(job -> byStatus.merge(job.get("status").asText(), 1, Integer::sum));
        throw new AssertionError("no job was seen running; jobs by status " + byStatus + "; server log: " + serverLog());
    }

    private String serverLog() {
        try {
            return Files.readString(root.resolve("server-" + launches + ".err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private Map<String, JsonNode> awaitAllFinished(String token, Set<String> accepted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, JsonNode> states = snapshot(token);
        while (!accepted.stream().allMatch(id -> states.containsKey(id) && FINISHED.contains(states.get(id).get("status").asText()))) {
            assertThat(System.nanoTime()).as("jobs still unfinished: %s", states.values().stream()
                    .filter(job -> !FINISHED.contains(job.get("status").asText())).toList()).isLessThan(deadline);
            Thread.sleep(100);
            states.clear();
            states.putAll(snapshot(token));
        }
        return states;
    }

    private Map<String, JsonNode> snapshot(String token) {
        Map<String, JsonNode> states = new HashMap<>();
        for (JsonNode job : json(send(authorized("/api/jobs", token).GET())).get("jobs")) {
            assertThat(states.put(job.get("id").asText(), job)).as("each job is listed once").isNull();
        }
        return states;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder authorized(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
