package app.ret.benchmarks;

import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteJobStore;
import app.ret.adapters.sqlite.SqliteRefreshTokenStore;
import app.ret.adapters.sqlite.SqliteSessionStore;
import app.ret.adapters.sqlite.SqliteUserStore;
import app.ret.bootstrap.testing.JavaProcess;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.session.SessionTimeouts;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * R3: eight writer threads for 30 s on the SQLite adapters, then eight HTTP clients for 30 s
 * writing through the real jar. In the first phase seven threads share the server's database
 * object and the eighth opens its own, as a command-line tool run beside a serving process
 * does (its writes then meet the others' at the file lock, where only busy_timeout helps).
 * Counts writes, SQLITE_BUSY surfaced to a caller, other failures, and HTTP 5xx.
 * Arguments: {@code --jar --results --seconds S --threads N}.
 */
public final class R3WriterConcurrency {
    private static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofMinutes(60), Duration.ofHours(12));
    private static final String ADMIN_PASSWORD = "r3-benchmark-password";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final JobType JOB_TYPE = new JobType("r3");

    private R3WriterConcurrency() {}

    /** What one phase counted. */
    static final class Tally {
        final LongAdder writes = new LongAdder();
        final LongAdder busy = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        void failed(String where, Throwable failure) {
            if (isBusy(failure)) {
                busy.increment();
            }
            StringBuilder what = new StringBuilder(where);
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                what.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            }
            failures.computeIfAbsent(what.toString(), key -> new LongAdder()).increment();
        }

        long failureCount() {
            return failures.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration phase = Duration.ofSeconds(arguments.integer("seconds", 30));
        int threads = arguments.integer("threads", 8);
        Path work = Files.createTempDirectory("ret-r3-");

        Tally adapters = adaptersPhase(work.resolve("adapters.db"), threads, phase);
        Tally http = httpPhase(arguments.jar(), work, threads, phase);
        report(adapters, http, threads, phase).printAndWrite(arguments.results());
    }

    private static Tally adaptersPhase(Path file, int threads, Duration phase) throws Exception {
        Tally tally = new Tally();
        try (SqliteDatabase server = SqliteDatabase.open(file, Clock.systemUTC());
             SqliteDatabase secondProcess = SqliteDatabase.open(file, Clock.systemUTC())) {
            List<Runnable> writers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                boolean second = thread == threads - 1;
                Writers writer = new Writers(second ? secondProcess : server);
                writers.add(() -> {
                    try {
                        writer.round(tally);
                    } catch (RuntimeException e) {
                        tally.failed(second ? "second database object" : "server database object", e);
                    }
                });
            }
            runFor(phase, writers);
        }
        return tally;
    }

    /** The stores one writer thread uses, over the database object it was given. */
    private static final class Writers {
        final SqliteUserStore users;
        final SqliteSessionStore sessions;
        final SqliteRefreshTokenStore tokens;
        final SqliteCacheTier cache;
        final SqliteJobStore jobs;

        Writers(SqliteDatabase database) {
            this.users = new SqliteUserStore(database);
            this.sessions = new SqliteSessionStore(database);
            this.tokens = new SqliteRefreshTokenStore(database);
            this.cache = new SqliteCacheTier(database);
            this.jobs = new SqliteJobStore(database);
        }

        /**
         * A session's life in writes: start, seen, refresh token issued and rotated, state stored
         * and deleted, a job submitted, claimed (any thread's) and finished, session ended and removed.
         */
        void round(Tally tally) {
            Instant now = Instant.now();
            long sequence = SEQUENCE.incrementAndGet();
            if (sequence % 50 == 0) {
                users.insert(new User(new Username("writer" + sequence), Role.USER,
                        new PasswordHash("pbkdf2-sha256$1000$c2FsdA$aGFzaA", 1000), false, now));
                tally.writes.increment();
            }
            SessionId id = new SessionId(randomHex());
            sessions.insert(Session.start(id, new Username("writer"), Role.USER, now, TIMEOUTS));
            sessions.touch(id, now.plusMillis(1));
            String first = randomHex();
            tokens.insert(RefreshToken.issued(first, id, now, now.plus(Duration.ofDays(7))));
            tokens.rotate(first, RefreshToken.issued(randomHex(), id, now, now.plus(Duration.ofDays(7))));
            CacheKey state = new CacheKey("session:" + id.value() + ":state:r3");
            cache.put(CacheEntry.expiring(state, ("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8), now, Duration.ofHours(1)));
            cache.put(CacheEntry.expiring(new CacheKey("session:" + id.value() + ":state:other"), new byte[64], now, Duration.ofHours(1)));
            cache.delete(state, now);
            jobs.enqueue(QueuedJob.submit(new JobSpec(JobId.fromRandomBytes(randomBytes()), id, JOB_TYPE, JobParameters.NONE, now, 3)));
            Optional<RunningJob> claimed = jobs.claimNext(now, now.plus(Duration.ofMinutes(5)));
            claimed.ifPresent(running -> jobs.advance(running.id(), running.attempts(), job -> job.succeed(JobResult.EMPTY, now)));
            sessions.markEnding(id, EndReason.LOGOUT, now.plus(Duration.ofMinutes(5)));
            tokens.revokeAll(id);
            cache.deleteByPrefix(new CacheKeyPrefix("session:" + id.value() + ":"), now);
            sessions.delete(id);
            tally.writes.add(13);
        }
    }

    private static Tally httpPhase(Path jar, Path work, int threads, Duration phase) throws Exception {
        Tally tally = new Tally();
        Map<String, String> environment = new HashMap<>();
        environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
        environment.put("RET_RUNTIME_ROOT", work.resolve("root").toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("LOGIN_MAX_FAILURES", Integer.toString(1_000_000));
        // Logins are writes too; at the production cost a login is ~150 ms of hashing and the phase would measure PBKDF2.
        environment.put("PASSWORD_HASH_ITERATIONS", "1000");
        environment.put("JOB_TEST_TYPE_ENABLED", "true");
        try (ServerProcess server = ServerProcess.startRet(jar, environment, List.of(), work.resolve("ret.log"))) {
            server.awaitReady();
            ApiClient client = new ApiClient(server::port);
            List<Runnable> clients = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                clients.add(() -> {
                    try {
                        httpRound(client, tally);
                    } catch (IOException | RuntimeException e) {
                        tally.failed("http client", e);
                    }
                });
            }
            runFor(phase, clients);
        }
        return tally;
    }

    /** A session's life over HTTP: login, state written and deleted, a job submitted, logout (which cleans it all up). */
    private static void httpRound(ApiClient client, Tally tally) throws IOException {
        ApiClient.Session session = client.login("admin", ADMIN_PASSWORD);
        tally.writes.increment();
        String token = session.accessToken();
        for (int i = 0; i < 3; i++) {
            count(tally, client.send(client.request("/api/session/state/r3-" + i, token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}"))));
        }
        count(tally, client.send(client.request("/api/session/state/r3-0", token).DELETE()));
        count(tally, client.send(client.request("/api/jobs", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"test\",\"units\":1,\"unit_millis\":0}"))));
        count(tally, client.send(client.request("/api/auth/logout", token).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private static void count(Tally tally, HttpResponse<?> response) {
        if (response.statusCode() >= 500) {
            tally.serverErrors.increment();
        } else if (response.statusCode() < 400) {
            tally.writes.increment();
        } else {
            tally.failed("http", new IllegalStateException("HTTP " + response.statusCode()));
        }
    }

    private static void runFor(Duration phase, List<Runnable> workers) throws Exception {
        long deadline = System.nanoTime() + phase.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable worker : workers) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        worker.run();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean isBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("SQLITE_BUSY") || message.contains("database is locked")
                    || (cause instanceof SQLException sql && sql.getErrorCode() == 5)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String randomHex() {
        return HexFormat.of().formatHex(randomBytes());
    }

    private static Report report(Tally adapters, Tally http, int threads, Duration phase) {
        Report report = new Report("R3", threads + " concurrent writer threads for " + phase.toSeconds()
                + " s on the SQLite adapters (one on a second database object, like a CLI beside the server), then "
                + threads + " HTTP clients writing through the real jar for " + phase.toSeconds() + " s");
        report.columns("phase", "writes", "writes/s", "SQLITE_BUSY surfaced", "other failures", "HTTP 5xx");
        double seconds = phase.toMillis() / 1000.0;
        report.row("SQLite adapters", adapters.writes.sum(), adapters.writes.sum() / seconds, adapters.busy.sum(),
                adapters.failureCount() - adapters.busy.sum(), "-");
        report.row("HTTP", http.writes.sum(), http.writes.sum() / seconds, http.busy.sum(),
                http.failureCount() - http.busy.sum(), http.serverErrors.sum());
        long busy = adapters.busy.sum() + http.busy.sum();
        long other = adapters.failureCount() + http.failureCount() - busy;
        report.target("SQLITE_BUSY surfaced to a caller", Long.toString(busy), "0", busy == 0);
        report.target("HTTP 5xx", Long.toString(http.serverErrors.sum()), "0", http.serverErrors.sum() == 0);
        report.target("other failed writes", Long.toString(other), "0", other == 0);
        report.target("writes done (the check saw traffic)", Long.toString(adapters.writes.sum() + http.writes.sum()), "> 0",
                adapters.writes.sum() > 0 && http.writes.sum() > 0);
        var failures = report.details().putObject("failures");
        adapters.failures.forEach((what, count) -> failures.put("adapters: " + what, count.sum()));
        http.failures.forEach((what, count) -> failures.put("http: " + what, count.sum()));
        return report;
    }
}
