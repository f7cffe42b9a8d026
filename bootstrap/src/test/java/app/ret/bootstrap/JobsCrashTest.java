package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.sqlite.SqliteDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");

    @TempDir
    Path root;

    private final Random random = new Random(7);
    private int launches;
    private ServerProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.process().destroyForcibly();
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
            server.process().destroyForcibly();
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
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

        server.process().destroy();
        assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        launch();
        assertThat(snapshot(token)).as("finished jobs never change again, across a restart too").isEqualTo(finalStates);
        server.process().destroy();
        assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (SqliteDatabase database = SqliteDatabase.open(root.resolve("ret_session.db"), Clock.systemUTC())) {
            assertThat(database.settings()).containsEntry("integrity_check", "ok");
        }
    }

    /** Starts {@code Main serve} in its own JVM on a free port and waits until it listens. */
    private void launch() throws IOException, InterruptedException {
        launches++;
        server = ServerProcess.launch(root, "server-" + launches, List.of(), Map.of(
                "HTTP_MAX_REQUEST_SECONDS", "30",
                "JOB_TEST_TYPE_ENABLED", "true",
                "JOB_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS),
                "RATE_LIMIT_REQUESTS", "1000000"));
    }

    private String login() {
        return server.login();
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
        return server.log();
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

    private HttpRequest.Builder authorized(String path, String token) {
        return server.authorized(path, token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return server.send(request);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ServerProcess.json(response);
    }
}
