package app.ret.bootstrap.cluster;

import static app.ret.bootstrap.cluster.ClusterHttp.delete;
import static app.ret.bootstrap.cluster.ClusterHttp.get;
import static app.ret.bootstrap.cluster.ClusterHttp.json;
import static app.ret.bootstrap.cluster.ClusterHttp.login;
import static app.ret.bootstrap.cluster.ClusterHttp.post;
import static app.ret.bootstrap.cluster.ClusterHttp.putJson;
import static app.ret.bootstrap.cluster.ClusterHttp.refresh;
import static app.ret.bootstrap.cluster.ClusterHttp.submitTestJob;
import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.cluster.ClusterHttp.Login;
import app.ret.bootstrap.testing.JavaProcess;
import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three {@code serve} processes on one PostgreSQL database and one runtime root behave as one
 * system: sessions, the cache's memory tiers and the job queue, with requests spread round-robin.
 * The instances start once for the class; each test uses sessions of its own.
 */
class ThreeInstancesEndToEndTest extends ThreeInstancesPerClass {
    private static final Duration NEVER = Duration.ofSeconds(10);

    @BeforeAll
    static void startThree() {
        startThreeInstances(Map.of("RATE_LIMIT_REQUESTS", "1000000", "JOB_WORKERS", "1"));
    }

    private static Login loginAsAdmin(RetInstance instance) {
        return login(instance, "admin", RetCluster.ADMIN_PASSWORD);
    }

    @Test
    void withADatabaseUrlButNoSigningKeyAnInstanceRefusesToStartWithOneLine() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_DATABASE_URL", cluster.database().url());
        environment.put("RET_RUNTIME_ROOT", Files.createTempDirectory("ret-refused-").toString());
        RetInstance.Exited refused = RetInstance.run(environment, Files.createTempDirectory("ret-refused-log-").resolve("serve.log"), "serve");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.output().strip()).isEqualTo("configuration error: JWT_SECRET_KEY: is required when RET_DATABASE_URL is set:"
                + " every instance on the database must sign with the same key, and a generated key file would differ per host");
    }

    @Test
    void instancesStartingTogetherMigrateOnceAndCreateTheInitialAdminOnce() {
        String logs = cluster.instances().stream().map(RetInstance::log).reduce("", String::concat);
        assertThat(occurrences(logs, "Created user 'admin'")).isEqualTo(1);
        assertThat(occurrences(logs, "PostgreSQL schema migrated to version 1:")).isEqualTo(1);
    }

    @Test
    void readinessAndAccessLinesNameTheInstance() {
        for (RetInstance instance : cluster.instances()) {
            HttpResponse<String> ready = ClusterHttp.send(ClusterHttp.request(instance, "/readyz").header("X-Request-Id", "ready-" + instance));
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).get("instance").asText()).isEqualTo(instance.name());
            awaitLogged(instance, "request_id=ready-" + instance + " method=GET route=/readyz status=200 ");
            assertThat(instance.log()).containsPattern("request_id=ready-" + instance + " .* instance=" + instance.name() + "\\R");
        }
    }

    @Test
    void aSessionStartedOnOneInstanceWorksOnEveryOtherAndRefreshRotationAndReuseDetectionHoldAcrossThem() {
        Login started = loginAsAdmin(a);
        assertThat(get(b, "/api/auth/me", started.accessToken()).statusCode()).isEqualTo(200);
        assertThat(get(c, "/api/auth/me", started.accessToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> rotated = refresh(c, started.refreshToken());
        assertThat(rotated.statusCode()).isEqualTo(200);
        Login current = started.refreshedWith(rotated);
        assertThat(get(a, "/api/auth/me", current.accessToken()).statusCode()).isEqualTo(200);

        HttpResponse<String> replayed = refresh(a, started.refreshToken());
        assertThat(replayed.statusCode()).isEqualTo(401);
        for (RetInstance instance : cluster.instances()) {
            assertThat(get(instance, "/api/auth/me", current.accessToken()).statusCode()).as("after reuse, on " + instance).isEqualTo(401);
            assertThat(get(instance, "/api/auth/me", started.accessToken()).statusCode()).as("after reuse, on " + instance).isEqualTo(401);
        }
        assertThat(refresh(b, current.refreshToken()).statusCode()).isEqualTo(401);
    }

    private static void touchEverywhere(Login login) {
        for (RetInstance instance : cluster.instances()) {
            assertThat(get(instance, "/api/auth/me", login.accessToken()).statusCode()).as("before, on " + instance).isEqualTo(200);
        }
    }

    /**
     * A state PUT acknowledged by one instance is what the next instance serves, although that one
     * held the old value in its memory tier: over 1,000 trials, the time from the writer's 204 to the
     * reader's first new value, printed as p50/p99/max (P11c).
     */
    @Test
    void aWriteAcknowledgedByOneInstanceIsServedByTheOthersAndTheStalenessWindowIsMeasured() {
        Login session = loginAsAdmin(a);
        String path = "/api/session/state/counter";
        assertThat(putJson(a, path, session.accessToken(), "-1").statusCode()).isEqualTo(204);
        int trials = 1000;
        long[] staleNanos = new long[trials];
        long staleReads = 0;
        for (int trial = 0; trial < trials; trial++) {
            RetInstance writer = cluster.instance(trial % 3);
            RetInstance reader = cluster.instance((trial + 1) % 3);
            assertThat(Integer.parseInt(get(reader, path, session.accessToken()).body())).as("the reader holds an old value").isLessThan(trial);
            assertThat(putJson(writer, path, session.accessToken(), Integer.toString(trial)).statusCode()).isEqualTo(204);
            long acknowledged = System.nanoTime();
            long deadline = acknowledged + NEVER.toNanos();
            while (true) {
                String served = get(reader, path, session.accessToken()).body();
                if (served.equals(Integer.toString(trial))) {
                    staleNanos[trial] = System.nanoTime() - acknowledged;
                    break;
                }
                staleReads++;
                assertThat(System.nanoTime()).as("trial " + trial + ": " + reader + " still serves " + served).isLessThan(deadline);
            }
        }
        Arrays.sort(staleNanos);
        System.out.printf("P11c staleness window over %d trials (writer's 204 -> reader's first new value): p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms; %d stale reads in all; load average %s%n", trials, staleNanos[trials / 2] / 1e6,
                staleNanos[trials * 99 / 100] / 1e6, staleNanos[trials - 1] / 1e6, staleReads, loadAverage());
    }

    @Test
    void aStateDeleteAndASessionPurgeOnOneInstanceAreNoticedByTheOthers() {
        Login session = loginAsAdmin(b);
        String path = "/api/session/state/colour";
        assertThat(putJson(a, path, session.accessToken(), "\"blue\"").statusCode()).isEqualTo(204);
        for (RetInstance instance : cluster.instances()) {
            assertThat(get(instance, path, session.accessToken()).body()).isEqualTo("\"blue\"");
        }
        assertThat(delete(b, path, session.accessToken()).statusCode()).isEqualTo(204);
        awaitOnEveryInstance(() -> cluster.instances().stream().allMatch(
                instance -> get(instance, path, session.accessToken()).statusCode() == 404));

        Login admin = loginAsAdmin(c);
        Login purged = loginAsAdmin(a);
        assertThat(putJson(a, path, purged.accessToken(), "\"green\"").statusCode()).isEqualTo(204);
        touchEverywhere(purged);
        assertThat(delete(c, "/api/admin/sessions/" + purged.sessionId(), admin.accessToken()).statusCode()).isEqualTo(200);
        assertThat(countRows("SELECT COUNT(*) FROM cache_entries WHERE key LIKE ?", "session:" + purged.sessionId() + ":%")).isZero();
    }

    /**
     * B's listening connection is cut, and a change is made that B gets no notice of: B must not go
     * on serving what its memory tier held before it listened again.
     */
    @Test
    void afterItsListenerIsCutAnInstanceServesNothingOlderThanTheReconnect() throws Exception {
        Login session = loginAsAdmin(a);
        String path = "/api/session/state/flag";
        assertThat(putJson(a, path, session.accessToken(), "\"before\"").statusCode()).isEqualTo(204);
        assertThat(get(b, path, session.accessToken()).body()).isEqualTo("\"before\"");
        assertThat(get(b, path, session.accessToken()).body()).as("now from b's memory tier").isEqualTo("\"before\"");
        try (Connection connection = cluster.database().connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?");
                 PreparedStatement unnoticed = connection.prepareStatement("UPDATE cache_entries SET value = ? WHERE key = ?")) {
                terminate.setString(1, "ret-listener " + b.name());
                try (ResultSet terminated = terminate.executeQuery()) {
                    assertThat(terminated.next()).as("b's listener connection").isTrue();
                }
                unnoticed.setBytes(1, "\"after\"".getBytes(StandardCharsets.UTF_8));
                unnoticed.setString(2, "session:" + session.sessionId() + ":state:flag");
                assertThat(unnoticed.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
        awaitLogged(b, "listening for change notices again");
        assertThat(get(b, path, session.accessToken()).body()).isEqualTo("\"after\"");
    }

    @Test
    void threeHundredJobsSubmittedAcrossTheInstancesEachRunExactlyOnceAndEveryInstanceWorks() {
        Login session = loginAsAdmin(c);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(submitTestJob(cluster.next(), session.accessToken(), 1, 0));
        }
        awaitOnEveryInstance(() -> countRows("SELECT COUNT(*) FROM jobs WHERE session_id = ? AND status = 'SUCCEEDED'",
                session.sessionId()) == 300);
        assertThat(countRows("SELECT COUNT(*) FROM jobs WHERE session_id = ? AND attempts = 1", session.sessionId())).isEqualTo(300);
        Map<String, String> logs = new HashMap<>();
        cluster.instances().forEach(instance -> logs.put(instance.name(), instance.log()));
        Map<String, Integer> startsPerInstance = new HashMap<>();
        for (String id : ids) {
            int starts = 0;
            for (Map.Entry<String, String> log : logs.entrySet()) {
                int here = occurrences(log.getValue(), "job " + id + " (test) attempt ");
                startsPerInstance.merge(log.getKey(), here, Integer::sum);
                starts += here;
            }
            assertThat(starts).as("job " + id + " started once in the cluster").isEqualTo(1);
        }
        System.out.println("300 jobs: started per instance " + startsPerInstance);
        assertThat(startsPerInstance.values()).as("every instance took work").allMatch(starts -> starts > 0);
    }

    /**
     * Each instance has one worker and polls only once a second: three jobs submitted to A at once
     * start within milliseconds only because B's and C's idle workers are woken by the notice.
     */
    @Test
    void idleWorkersOfEveryInstanceAreWokenByTheNoticeOfASubmission() {
        Login session = loginAsAdmin(a);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(submitTestJob(a, session.accessToken(), 1, 600));
        }
        List<Long> startDelays = new ArrayList<>();
        for (String id : ids) {
            JsonNode job = awaitJob(session, id, "succeeded");
            startDelays.add(Duration.between(Instant.parse(job.get("created_at").asText()), Instant.parse(job.get("started_at").asText())).toMillis());
        }
        System.out.println("idle start (created_at -> started_at) of three jobs submitted at once to a: " + startDelays + " ms");
        assertThat(startDelays).as("started on the notice, not the next poll or a's worker finishing")
                .allMatch(delay -> delay <= 100);
    }

    @Test
    void progressAndCancellationWorkFromAnyInstance() {
        Login session = loginAsAdmin(b);
        String id = submitTestJob(a, session.accessToken(), 200, 50);
        awaitOnEveryInstance(() -> json(get(c, "/api/jobs/" + id, session.accessToken())).get("progress").get("done").asLong() > 0);
        assertThat(delete(b, "/api/jobs/" + id, session.accessToken()).statusCode()).isEqualTo(202);
        JsonNode cancelled = awaitJob(session, id, "cancelled");
        assertThat(cancelled.get("progress").get("done").asLong()).isLessThan(200);
    }

    /**
     * C is killed while its worker runs a job: after the lease (3 s here) another instance runs it
     * again; every job ends succeeded, the one C held on its second attempt and the rest on their first.
     */
    @Test
    void jobsLeasedByAKilledInstanceAreRunAgainByTheOthersAfterTheLease() {
        Login session = loginAsAdmin(a);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(submitTestJob(cluster.next(), session.accessToken(), 10, 200));
        }
        awaitOnEveryInstance(() -> ids.stream().anyMatch(id -> c.log().contains("job " + id + " (test) attempt 1 started")));
        c.kill9();
        try {
            String cLog = c.log();
            List<String> heldByC = ids.stream().filter(id -> cLog.contains("job " + id + " (test) attempt 1 started")).toList();
            awaitOnEveryInstance(() -> countRows("SELECT COUNT(*) FROM jobs WHERE session_id = ? AND status = 'SUCCEEDED'",
                    session.sessionId()) == ids.size());
            for (String id : ids) {
                JsonNode job = json(get(a, "/api/jobs/" + id, session.accessToken()));
                assertThat(job.get("attempts").asInt()).as("attempts of " + id).isEqualTo(heldByC.contains(id) ? 2 : 1);
            }
            for (String id : heldByC) {
                assertThat(a.log() + b.log()).as("the re-run of " + id).contains("job " + id + " (test) attempt 2 started");
            }
        } finally {
            cluster.restart(c);
        }
    }

    /**
     * Files live on the shared runtime root: an upload through A is listed and downloaded through B
     * and C; a conversion run by whichever worker takes it writes outputs that A serves; a second
     * session converting the same bytes on two instances at once gets whole outputs from the shared
     * conversion cache.
     */
    @Test
    void filesUploadedOrConvertedThroughOneInstanceAreServedByEveryOther() throws Exception {
        byte[] library = Files.readAllBytes(SharedSamples.resolve("library/1mb.xml"));
        Login session = loginAsAdmin(a);
        HttpResponse<String> uploaded = ClusterHttp.upload(a, session.accessToken(), "books.xml", library);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(json(get(b, "/api/files", session.accessToken())).get("files").findValuesAsText("path")).contains("input/books.xml");
        assertThat(get(c, "/api/files/input/books.xml", session.accessToken()).body().getBytes(StandardCharsets.UTF_8)).isEqualTo(library);

        String job = json(ClusterHttp.postJson(b, "/api/conversions", session.accessToken(), "{}")).get("job_id").asText();
        JsonNode converted = awaitJob(session, job, "succeeded");
        assertThat(converted.get("result").get("outputs").get(0).get("output").asText()).isEqualTo("output/books.csv");
        HttpResponse<String> csv = get(a, "/api/files/output/books.csv", session.accessToken());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(6402);

        Login twin = loginAsAdmin(c);
        Login other = loginAsAdmin(b);
        for (Login each : List.of(twin, other)) {
            assertThat(ClusterHttp.upload(cluster.next(), each.accessToken(), "same.xml", library).statusCode()).isEqualTo(201);
        }
        String first = json(ClusterHttp.postJson(a, "/api/conversions", twin.accessToken(), "{}")).get("job_id").asText();
        String second = json(ClusterHttp.postJson(c, "/api/conversions", other.accessToken(), "{}")).get("job_id").asText();
        awaitJob(twin, first, "succeeded");
        awaitJob(other, second, "succeeded");
        assertThat(get(b, "/api/files/output/same.csv", twin.accessToken()).body()).isEqualTo(csv.body());
        assertThat(get(b, "/api/files/output/same.csv", other.accessToken()).body()).isEqualTo(csv.body());
    }

    /**
     * A conversion of many inputs runs on one instance's worker while another instance ends its
     * session: from the moment the logout answers until well after the worker stopped, nothing new
     * appears on the shared runtime root outside the trash (no output, no conversion-cache entry or
     * reference, no re-created workspace), and in the end nothing there names the session.
     */
    @Test
    void aJobRunningOnOneInstanceForASessionEndedOnAnotherWritesNothingAfterTheLogoutAnswers() throws Exception {
        byte[] library = Files.readAllBytes(SharedSamples.resolve("library/1mb.xml"));
        Login session = loginAsAdmin(a);
        int inputs = 12;
        for (int i = 0; i < inputs; i++) {
            byte[] distinct = (new String(library, StandardCharsets.UTF_8) + "<!-- copy " + i + " -->").getBytes(StandardCharsets.UTF_8);
            assertThat(ClusterHttp.upload(cluster.next(), session.accessToken(), "copy-" + i + ".xml", distinct).statusCode())
                    .isEqualTo(201);
        }
        String job = json(ClusterHttp.postJson(b, "/api/conversions", session.accessToken(), "{}")).get("job_id").asText();
        RetInstance[] running = new RetInstance[1];
        awaitOnEveryInstance(() -> {
            running[0] = cluster.instances().stream().filter(instance -> instance.log().contains("job " + job + " (conversion) attempt 1 started"))
                    .findFirst().orElse(null);
            return running[0] != null && json(get(running[0], "/api/jobs/" + job, session.accessToken())).get("progress").get("done").asInt() > 0;
        });
        RetInstance ending = cluster.instances().stream().filter(instance -> instance != running[0]).findFirst().orElseThrow();

        assertThat(post(ending, "/api/auth/logout", session.accessToken()).statusCode()).isEqualTo(200);

        Set<Path> atLogout = new HashSet<>(outsideTheTrash());
        long watchUntil = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < watchUntil) {
            assertThat(System.nanoTime()).as("the job's worker on " + running[0] + " stopped").isLessThan(deadline);
            List<Path> appeared = outsideTheTrash().stream().filter(path -> !atLogout.contains(path)).toList();
            assertThat(appeared).as("written for the ended session after its logout answered").isEmpty();
            if (watchUntil == Long.MAX_VALUE && running[0].log().contains("job " + job + " attempt 1 ended")) {
                watchUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            JavaProcess.sleep(10);
        }
        System.out.println("job of a session ended on " + ending + " while it ran on " + running[0] + ": " + running[0].log().lines()
                .filter(line -> line.contains("job " + job + " attempt 1 ended")).findFirst().orElseThrow());
        awaitOnEveryInstance(() -> under(cluster.runtimeRoot()).stream().noneMatch(path -> path.toString().contains(session.sessionId())));
    }

    /** Everything on the runtime root but the trash, whose background emptying is not a write. */
    private static List<Path> outsideTheTrash() {
        Path trash = cluster.runtimeRoot().resolve("trash");
        return under(cluster.runtimeRoot()).stream().filter(path -> !path.startsWith(trash)).toList();
    }

    /** Every path below {@code root}; what vanishes while it looks is passed over. */
    private static List<Path> under(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    found.add(directory);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException vanished) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * Twenty sessions are left as instances killed in the middle of their cleanups leave them
     * (ENDING, the claim run out): the sweeps of all three instances take them over, each session's
     * cleanup runs on exactly one instance, and its files, state and record are gone.
     */
    @Test
    void cleanupsLeftByAKilledInstanceAreFinishedOnceByTheOthers() throws Exception {
        List<Login> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Login session = loginAsAdmin(cluster.next());
            assertThat(putJson(cluster.next(), "/api/session/state/left", session.accessToken(), "1").statusCode()).isEqualTo(204);
            assertThat(ClusterHttp.upload(cluster.next(), session.accessToken(), "left.xml", "<left/>".getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(201);
            sessions.add(session);
        }
        String[] ids = sessions.stream().map(Login::sessionId).toArray(String[]::new);
        // As the killed instance marked them: ENDING, the notice of each ending sent in the same statement,
        // and every instance's acknowledgement awaited (what the instance's ending waited for before it died).
        try (Connection connection = cluster.database().connect(); PreparedStatement interrupted = connection.prepareStatement(
                "WITH marked AS (UPDATE sessions SET status = 'ENDING', end_reason = 'logout', cleanup_claimed_until = now() - interval"
                        + " '1 second' WHERE id = ANY (?) RETURNING id) SELECT pg_notify('ret_changes', 'killed session ' || id || ' ret_ack_killed')"
                        + " FROM marked")) {
            try (var listen = connection.createStatement()) {
                listen.execute("LISTEN ret_ack_killed");
            }
            interrupted.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet notified = interrupted.executeQuery()) {
                int marked = 0;
                while (notified.next()) {
                    marked++;
                }
                assertThat(marked).isEqualTo(20);
            }
            int acknowledged = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acknowledged < 3 * 20) {
                assertThat(System.nanoTime()).as(acknowledged + " acknowledgements").isLessThan(deadline);
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(1000);
                acknowledged += received == null ? 0 : received.length;
            }
        }
        for (Login session : sessions) {
            assertThat(get(cluster.next(), "/api/auth/me", session.accessToken()).statusCode()).isEqualTo(401);
        }
        awaitOnEveryInstance(() -> sessions.stream().allMatch(session -> countRows("SELECT COUNT(*) FROM sessions WHERE id = ?",
                session.sessionId()) == 0));
        String logs = cluster.instances().stream().map(RetInstance::log).reduce("", String::concat);
        for (Login session : sessions) {
            assertThat(occurrences(logs, "session " + session.sessionId() + " ended (logout)")).as("cleanups of " + session.sessionId())
                    .isEqualTo(1);
            assertThat(cluster.runtimeRoot().resolve("sessions").resolve(session.sessionId())).doesNotExist();
            assertThat(countRows("SELECT COUNT(*) FROM cache_entries WHERE key LIKE ?", "session:" + session.sessionId() + ":%")).isZero();
        }
    }

    private static JsonNode awaitJob(Login session, String id, String status) {
        JsonNode[] seen = new JsonNode[1];
        awaitOnEveryInstance(() -> {
            seen[0] = json(get(cluster.next(), "/api/jobs/" + id, session.accessToken()));
            return status.equals(seen[0].get("status").asText());
        });
        return seen[0];
    }

    static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    static long countRows(String sql, String parameter) {
        try (Connection connection = cluster.database().connect(); PreparedStatement count = connection.prepareStatement(sql)) {
            count.setString(1, parameter);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitLogged(RetInstance instance, String line) {
        awaitOnEveryInstance(() -> instance.log().contains(line));
    }

    static void awaitOnEveryInstance(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
            JavaProcess.sleep(20);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
