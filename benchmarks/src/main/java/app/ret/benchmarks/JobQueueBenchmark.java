package app.ret.benchmarks;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.bootstrap.RetConfig;
import app.ret.bootstrap.RetRuntime;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobStatus;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.JobsUseCase;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.JobsUseCase.TestJobRequest;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sqlite.SQLiteConfig;

/**
 * P7: jobs per second through the durable queue — submit a no-op job of the built-in test type,
 * a worker runs it, it is stored as succeeded — on the real runtime (SQLite, WAL, synchronous=FULL,
 * JOB_WORKERS=2). The baseline is the floor of any durable queue: per job, one single-row insert
 * committed and one single-row update committed, with raw sqlite-jdbc and the same pragmas.
 * P7-PG is the same on PostgreSQL ({@code RET_DATABASE_URL} to a throwaway server with the durable
 * defaults, fsync on) against the same two commits through raw pgjdbc on that server.
 * One operation is one job; an invocation submits a batch and waits until all of it succeeded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JobQueueBenchmark {
    static final int JOBS_PER_INVOCATION = 200;
    private static final long POLL_NANOS = 1_000_000;
    private static final TestJobRequest NO_OP = new TestJobRequest(0, Duration.ZERO, 0);

    @State(Scope.Benchmark)
    public static class Queue {
        Path root;
        RetRuntime runtime;
        JobsUseCase jobs;
        SessionId owner;

        @Setup(Level.Trial)
        public void start() throws IOException {
            // Start-up chatter (schema migrated, session started) would interleave with JMH's output.
            Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            root = Files.createTempDirectory("p7-queue-");
            Map<String, String> settings = new HashMap<>(Map.of(
                    "RET_RUNTIME_ROOT", root.toString(),
                    "PASSWORD_HASH_ITERATIONS", "1000",
                    "JOB_WORKERS", "2",
                    "JOB_TEST_TYPE_ENABLED", "true"));
            settings.putAll(storeSettings());
            runtime = RetRuntime.open(RetConfig.from(settings), Clock.systemUTC(), new SecureRandom());
            runtime.core().jobExecution().start();
            runtime.core().userAdministration().addUser("bench", Role.USER, "bench-password".toCharArray());
            LoginResult login = runtime.core().login().login(new LoginCommand("bench", "bench-password".toCharArray(), "127.0.0.1"));
            owner = ((LoginResult.LoggedIn) login).grant().session().id();
            jobs = runtime.core().jobs();
        }

        /** The settings that pick the store: none for the embedded SQLite database. */
        Map<String, String> storeSettings() {
            return Map.of();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            runtime.close();
            deleteTree(root);
            storeStopped();
        }

        /** After the runtime closed: stops what {@link #storeSettings} started. */
        void storeStopped() {}

        /** Submits {@code count} jobs one after the other. */
        List<JobId> submit(int count) {
            List<JobId> submitted = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                SubmitResult result = jobs.submitTestJob(owner, NO_OP);
                submitted.add(((SubmitResult.Accepted) result).job().id());
            }
            return submitted;
        }

        /** Submits a batch, then waits until every job of it has finished; returns how many succeeded. */
        int submitAndAwait() {
            List<JobId> submitted = submit(JOBS_PER_INVOCATION);
            int succeeded = 0;
            for (JobId id : submitted) {
                Job job = jobs.find(owner, id).orElseThrow();
                while (!job.isFinished()) {
                    // Polling politely: the workers need the CPU this thread would spin on.
                    LockSupport.parkNanos(POLL_NANOS);
                    job = jobs.find(owner, id).orElseThrow();
                }
                succeeded += job.status() == JobStatus.SUCCEEDED ? 1 : 0;
            }
            return succeeded;
        }
    }

    /**
     * The same queue with every store in PostgreSQL. With {@code clients} = 1 it has P7's shape (one
     * submitter, 2 workers); with more, that many threads submit at once and as many workers run,
     * as under HTTP load, so PostgreSQL can flush many commits with one WAL write.
     */
    @State(Scope.Benchmark)
    public static class PostgresQueue extends Queue {
        @Param({"1", "8"})
        int clients;
        PostgresServer server;
        ExecutorService submitters;

        @Override
        Map<String, String> storeSettings() {
            server = PostgresServer.startDurable();
            submitters = Executors.newFixedThreadPool(clients);
            // RET refuses a database URL without a signing key every instance would share.
            return Map.of("RET_DATABASE_URL", server.newDatabase().url(), "JWT_SECRET_KEY", "p7-pg-benchmark-signing-key-of-32-bytes",
                    "JOB_WORKERS", Integer.toString(Math.max(2, clients)));
        }

        @Override
        void storeStopped() {
            submitters.shutdownNow();
            server.stop();
        }

        @Override
        List<JobId> submit(int count) {
            return inParallel(submitters, clients, () -> super.submit(count / clients)).stream().flatMap(List::stream).toList();
        }
    }

    /** Per job one single-row insert and one single-row update, each its own durable commit, from {@code clients} connections at once. */
    @State(Scope.Benchmark)
    public static class RawPostgres {
        @Param({"1", "8"})
        int clients;
        PostgresServer server;
        PostgresTestDatabase database;
        ExecutorService threads;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            server = PostgresServer.startDurable();
            database = server.newDatabase();
            threads = Executors.newFixedThreadPool(clients);
            try (Connection connection = database.connect(); Statement control = connection.createStatement()) {
                control.execute("CREATE TABLE jobs (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, status text NOT NULL,"
                        + " created_at bigint NOT NULL)");
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            threads.shutdownNow();
            server.stop();
        }

        int insertAndUpdateEach() {
            return inParallel(threads, clients, () -> insertAndUpdate(JOBS_PER_INVOCATION / clients)).stream().mapToInt(Integer::intValue).sum();
        }

        /** Autocommit: each statement is its own durable commit. */
        private int insertAndUpdate(int count) throws SQLException {
            try (Connection connection = database.connect();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs(status, created_at) VALUES ('QUEUED', ?) RETURNING seq");
                 PreparedStatement update = connection.prepareStatement("UPDATE jobs SET status = 'SUCCEEDED' WHERE seq = ?")) {
                int done = 0;
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, i);
                    long seq;
                    try (ResultSet rows = insert.executeQuery()) {
                        rows.next();
                        seq = rows.getLong(1);
                    }
                    update.setLong(1, seq);
                    done += update.executeUpdate();
                }
                return done;
            }
        }
    }

    /** Runs {@code share} on {@code parties} threads of {@code pool} at once and collects what each returned. */
    static <T> List<T> inParallel(ExecutorService pool, int parties, Callable<T> share) {
        try {
            List<T> results = new ArrayList<>(parties);
            for (Future<T> done : pool.invokeAll(Collections.nCopies(parties, share))) {
                results.add(done.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @State(Scope.Benchmark)
    public static class RawSqlite {
        Path root;
        Connection connection;
        Statement control;
        PreparedStatement insert;
        PreparedStatement update;

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            root = Files.createTempDirectory("p7-raw-");
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(5000);
            config.enforceForeignKeys(true);
            connection = config.createConnection("jdbc:sqlite:" + root.resolve("raw.db"));
            control = connection.createStatement();
            control.execute("CREATE TABLE jobs (seq INTEGER PRIMARY KEY, status TEXT NOT NULL, created_at INTEGER NOT NULL)");
            insert = connection.prepareStatement("INSERT INTO jobs(status, created_at) VALUES ('QUEUED', ?) RETURNING seq");
            update = connection.prepareStatement("UPDATE jobs SET status = 'SUCCEEDED' WHERE seq = ?");
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, SQLException {
            connection.close();
            deleteTree(root);
        }

        int insertAndUpdateEach() throws SQLException {
            int done = 0;
            for (int i = 0; i < JOBS_PER_INVOCATION; i++) {
                control.execute("BEGIN IMMEDIATE");
                insert.setLong(1, i);
                long seq;
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    seq = rows.getLong(1);
                }
                control.execute("COMMIT");
                control.execute("BEGIN IMMEDIATE");
                update.setLong(1, seq);
                done += update.executeUpdate();
                control.execute("COMMIT");
            }
            return done;
        }
    }

    @Benchmark
    @OperationsPerInvocation(JOBS_PER_INVOCATION)
    public int jobQueue(Queue queue) {
        return queue.submitAndAwait();
    }

    @Benchmark
    @OperationsPerInvocation(JOBS_PER_INVOCATION)
    public int rawInsertUpdateCommits(RawSqlite raw) throws SQLException {
        return raw.insertAndUpdateEach();
    }

    @Benchmark
    @OperationsPerInvocation(JOBS_PER_INVOCATION)
    public int postgresJobQueue(PostgresQueue queue) {
        return queue.submitAndAwait();
    }

    @Benchmark
    @OperationsPerInvocation(JOBS_PER_INVOCATION)
    public int rawPostgresInsertUpdateCommits(RawPostgres raw) throws SQLException {
        return raw.insertAndUpdateEach();
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
