package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.domain.job.JobId;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs over real HTTP, with the built-in test type enabled and one worker, so a second job waits in
 * the queue; the clock stands still, so the polling here gets a rate limit it cannot reach.
 */
class JobsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path root;

    private RunningRet ret;
    private Login alice;

    @BeforeEach
    void startServer() {
        ret = RunningRet.start(root, MutableClock.atSomeFixedTime(),
                Map.of("JOB_TEST_TYPE_ENABLED", "true", "JOB_WORKERS", "1", "RATE_LIMIT_REQUESTS", "100000"));
        alice = ret.loginAsNewUser("alice");
    }

    @AfterEach
    void stopServer() {
        ret.close();
    }

    private HttpResponse<String> submit(Login login, String json) {
        return ret.send(ret.request("/api/jobs").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String submitTest(Login login, int units, int unitMillis) {
        HttpResponse<String> response = submit(login, "{\"type\":\"test\",\"units\":" + units + ",\"unit_millis\":" + unitMillis + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = RunningRet.json(response);
        String id = body.get("job_id").asText();
        assertThat(body.get("status_url").asText()).isEqualTo("/api/jobs/" + id);
        assertThat(response.headers().firstValue("Location")).contains("/api/jobs/" + id);
        return id;
    }

    private JsonNode job(Login login, String id) {
        HttpResponse<String> response = ret.get("/api/jobs/" + id, login.accessToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningRet.json(response);
    }

    private JsonNode awaitJob(Login login, String id, String what, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode job = job(login, id);
        while (!condition.test(job)) {
            assertThat(System.nanoTime()).as("waiting until job " + id + " " + what + "; last seen " + job).isLessThan(deadline);
            pause();
            job = job(login, id);
        }
        return job;
    }

    private static boolean hasStatus(JsonNode job, String status) {
        return job.get("status").asText().equals(status);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aJobShowsItsProgressWhileRunningAndEndsSucceeded() {
        String id = submitTest(alice, 8, 80);
        JsonNode running = awaitJob(alice, id, "shows partial progress",
                job -> hasStatus(job, "running") && job.get("progress").get("done").asLong() > 0);
        JsonNode progress = running.get("progress");
        assertThat(progress.get("total").asLong()).isEqualTo(8);
        assertThat(progress.get("done").asLong()).isBetween(1L, 7L);
        assertThat(progress.get("percent").asInt()).isEqualTo((int) (progress.get("done").asLong() * 100 / 8));
        assertThat(running.get("attempts").asInt()).isEqualTo(1);
        assertThat(running.get("started_at").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(running.get("finished_at").isNull()).isTrue();

        JsonNode done = awaitJob(alice, id, "succeeded", job -> hasStatus(job, "succeeded"));
        assertThat(done.get("id").asText()).isEqualTo(id);
        assertThat(done.get("type").asText()).isEqualTo("test");
        assertThat(done.get("progress").get("done").asLong()).isEqualTo(8);
        assertThat(done.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("created_at").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(done.get("finished_at").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("result").get("outputs")).isEmpty();
        assertThat(done.get("result").get("failed")).isEmpty();
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndARunningOneAtItsNextUnit() {
        String running = submitTest(alice, 10_000, 10);
        String queued = submitTest(alice, 1, 0);
        awaitJob(alice, running, "runs", job -> hasStatus(job, "running"));
        assertThat(job(alice, queued).get("status").asText()).isEqualTo("queued");

        HttpResponse<String> cancelQueued = ret.delete("/api/jobs/" + queued, alice.accessToken());
        assertThat(cancelQueued.statusCode()).isEqualTo(202);
        assertThat(RunningRet.json(cancelQueued).get("status").asText()).isEqualTo("cancelled");
        assertThat(job(alice, queued).get("started_at").isNull()).isTrue();

        HttpResponse<String> cancelRunning = ret.delete("/api/jobs/" + running, alice.accessToken());
        assertThat(cancelRunning.statusCode()).isEqualTo(202);
        JsonNode cancelled = awaitJob(alice, running, "is cancelled", job -> hasStatus(job, "cancelled"));
        assertThat(cancelled.get("progress").get("done").asLong()).isLessThan(10_000);
        assertThat(cancelled.get("finished_at").isNull()).isFalse();

        HttpResponse<String> again = ret.delete("/api/jobs/" + running, alice.accessToken());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(RunningRet.json(again).get("code").asText()).isEqualTo("conflict");
        assertThat(ret.delete("/api/jobs/" + queued, alice.accessToken()).statusCode()).isEqualTo(409);
    }

    @Test
    void anotherSessionsJobIsNotFoundAndNeverFakedAsQueued() {
        String id = submitTest(alice, 1, 0);
        Login bob = ret.loginAsNewUser("bob");
        Login aliceAgain = ret.login("alice", "secret-password");

        for (Login stranger : new Login[] {bob, aliceAgain}) {
            HttpResponse<String> peek = ret.get("/api/jobs/" + id, stranger.accessToken());
            assertThat(peek.statusCode()).isEqualTo(404);
            assertThat(peek.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(RunningRet.json(peek).get("code").asText()).isEqualTo("not_found");
            assertThat(ret.delete("/api/jobs/" + id, stranger.accessToken()).statusCode()).isEqualTo(404);
            assertThat(RunningRet.json(ret.get("/api/jobs", stranger.accessToken())).get("jobs")).isEmpty();
        }
        String unknown = new JobId("0123456789abcdef0123456789abcdef").value();
        assertThat(ret.get("/api/jobs/" + unknown, alice.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.get("/api/jobs/not-a-job-id", alice.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.delete("/api/jobs/" + unknown, alice.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.get("/api/jobs/" + id, "not-a-token").statusCode()).isEqualTo(401);
        awaitJob(alice, id, "succeeded", job -> hasStatus(job, "succeeded"));
    }

    @Test
    void theListShowsTheSessionsJobsNewestFirst() {
        String first = submitTest(alice, 0, 0);
        String second = submitTest(alice, 0, 0);
        String third = submitTest(alice, 0, 0);
        JsonNode jobs = RunningRet.json(ret.get("/api/jobs", alice.accessToken())).get("jobs");
        assertThat(jobs).hasSize(3);
        assertThat(jobs.get(0).get("id").asText()).isEqualTo(third);
        assertThat(jobs.get(1).get("id").asText()).isEqualTo(second);
        assertThat(jobs.get(2).get("id").asText()).isEqualTo(first);
        assertThat(jobs.get(0).has("progress")).isTrue();
        assertThat(jobs.get(0).has("result")).isTrue();
    }

    @Test
    void logoutCancelsTheSessionsJobsAndRemovesThem() {
        String running = submitTest(alice, 10_000, 10);
        String queued = submitTest(alice, 1, 0);
        awaitJob(alice, running, "runs", job -> hasStatus(job, "running"));

        HttpResponse<String> logout = ret.post("/api/auth/logout", alice.accessToken());

        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(RunningRet.json(logout).get("removed").get("jobs").asLong()).isEqualTo(2);
        SessionId aliceSession = new SessionId(alice.sessionId());
        assertThat(ret.runtime.core().jobs().list(aliceSession)).isEmpty();
        assertThat(ret.runtime.core().jobs().find(aliceSession, new JobId(running))).isEmpty();
        assertThat(ret.runtime.core().jobs().find(aliceSession, new JobId(queued))).isEmpty();
        Login bob = ret.loginAsNewUser("bob");
        String next = submitTest(bob, 1, 0);
        awaitJob(bob, next, "runs on the worker the removed job held", job -> hasStatus(job, "succeeded"));
    }

    @Test
    void malformedSubmissionsAreRefused() {
        assertThat(submit(alice, "{\"type\":\"conversion\"}").statusCode()).isEqualTo(400);
        assertThat(submit(alice, "{\"units\":1}").statusCode()).isEqualTo(400);
        assertThat(submit(alice, "{\"type\":\"test\",\"units\":-1}").statusCode()).isEqualTo(400);
        assertThat(submit(alice, "{\"type\":\"test\",\"unit_millis\":600000}").statusCode()).isEqualTo(400);
        assertThat(submit(alice, "{\"type\":\"test\",\"units\":\"many\"}").statusCode()).isEqualTo(400);
        assertThat(submit(alice, "{not json").statusCode()).isEqualTo(400);
        assertThat(RunningRet.json(ret.get("/api/jobs", alice.accessToken())).get("jobs")).isEmpty();
    }
}
