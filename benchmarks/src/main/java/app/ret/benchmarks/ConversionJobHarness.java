package app.ret.benchmarks;

import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.conversion.StaxElementScanner;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.security.HmacDeviceCookieCodec;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteJobStore;
import app.ret.adapters.sqlite.SqliteSearchIndex;
import app.ret.adapters.sqlite.SqliteSessionStore;
import app.ret.adapters.sqlite.SqliteUserStore;
import app.ret.application.CoreDependencies;
import app.ret.application.RetCore;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.cache.TieredCacheService;
import app.ret.application.conversion.ConversionJobHandler;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobContext;
import app.ret.application.jobs.JobHandler;
import app.ret.application.jobs.JobOutcome;
import app.ret.application.jobs.JobSettings;
import app.ret.application.jobs.JobSubmission;
import app.ret.application.quota.StorageQuota;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.application.search.IndexJobHandler;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.search.IndexJob;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.session.SessionTimeouts;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.out.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The conversion and index jobs of the embedded setup (real workspace, conversion cache, SQLite
 * users, sessions and job store in one database, and SQLite FTS5 index), run as a job worker runs them: each handler's {@code run} on a worker
 * thread, the index job queued by the conversion into the job store. Each conversion is a new user's
 * session, so it is converted, never copied from the cache; the session is ended after it, which
 * removes its files and index. Without search means the same conversion job whose index job is
 * never queued, so nothing is indexed at all.
 */
final class ConversionJobHarness implements AutoCloseable {
    private final RetCore core;
    private final SqliteDatabase database;
    private final JobStore jobs;
    private final ConversionJobHandler withSearch;
    private final ConversionJobHandler withoutSearch;
    private final IndexJobHandler indexer;
    private final AtomicInteger users = new AtomicInteger();

    ConversionJobHarness(Path root) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        DiskWorkspace workspace = new DiskWorkspace(root);
        database = SqliteDatabase.open(root.resolve("ret.db"), Clock.systemUTC());
        jobs = new SqliteJobStore(database);
        SqliteSessionStore sessions = new SqliteSessionStore(database);
        FileLimits limits = new FileLimits(1L << 30, 8L << 30, 64L << 30, new ArchiveLimits(10_000, 1L << 30, 200, ArchiveLimits.DEFAULT_MAX_DEPTH));
        FilesDependencies files = new FilesDependencies(new DiskSessionFiles(workspace), limits, new StaxCsvConverter(root),
                new DiskConversionCache(root, 64L << 30, Clock.systemUTC()), new StreamingCsvTableReader(), new StaxElementScanner(),
                new FastexcelWorkbookWriter(root), new ExternalSortComparer(root), new SqliteSearchIndex(root.resolve("search")));
        CacheDependencies cacheTiers = new CacheDependencies(new InMemoryCacheTier(1_000, 64L << 20), new InMemoryCacheTier(1_000, 64L << 20),
                Duration.ofHours(1));
        core = RetCore.create(new CoreDependencies(Clock.systemUTC(), new java.util.SplittableRandom(), new AuthSettings(Duration.ofMinutes(30),
                Duration.ofDays(1), new SessionTimeouts(Duration.ofHours(6), Duration.ofHours(12)), 1_000, 1_000, Duration.ofSeconds(10)),
                new SqliteUserStore(database), sessions, new InMemoryRefreshTokenStore(), new Hs256AccessTokenCodec(key), new HmacDeviceCookieCodec(key),
                new Pbkdf2PasswordHasher(random), workspace, List.of(),
                new RateLimitSettings(new RateLimit(1_000_000, Duration.ofSeconds(60)), new RateLimit(1_000, Duration.ofSeconds(300)), 2, 2),
                new InMemoryRateLimitStore(), new InMemoryRateLimitStore(), cacheTiers, jobs,
                JobSettings.of(2, 3, Duration.ofHours(1), false), Executors.defaultThreadFactory(), Duration.ofHours(1), files));
        StorageQuota quota = new StorageQuota(sessions, workspace, new TieredCacheService(Clock.systemUTC(), cacheTiers, Runnable::run),
                files.conversionCache(), files.searchIndex(), limits);
        withSearch = new ConversionJobHandler(files, sessions, quota, this::enqueue);
        withoutSearch = new ConversionJobHandler(files, sessions, quota, ConversionJobHarness::neverQueued);
        indexer = new IndexJobHandler(files, sessions, quota);
    }

    /** What the runner's submission does: the index job is stored durably in the job store. */
    private Job enqueue(SessionId owner, app.ret.domain.job.JobType type, JobParameters parameters) {
        QueuedJob job = QueuedJob.submit(new JobSpec(newJobId(), owner, type, parameters, Clock.systemUTC().instant(), 3));
        jobs.enqueue(job);
        return job;
    }

    private static Job neverQueued(SessionId owner, app.ret.domain.job.JobType type, JobParameters parameters) {
        return QueuedJob.submit(new JobSpec(newJobId(), owner, type, parameters, Clock.systemUTC().instant(), 3));
    }

    private static JobId newJobId() {
        byte[] bytes = new byte[JobId.RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return JobId.fromRandomBytes(bytes);
    }

    /** A new user's session holding {@code input} as {@code input/corpus.xml}, and the conversion job it submitted (not run yet). */
    Prepared prepare(Path input) throws IOException {
        String user = "bench" + users.incrementAndGet();
        core.userAdministration().addUser(user, Role.USER, "bench-password".toCharArray());
        LoginResult login = core.login().login(new LoginCommand(user, "bench-password".toCharArray(), "192.0.2.1", Optional.empty()));
        SessionId session = ((LoginResult.LoggedIn) login).grant().session().id();
        try (InputStream body = Files.newInputStream(input)) {
            if (!(core.files().upload(session, "corpus.xml", body) instanceof UploadOutcome.Stored)) {
                throw new IllegalStateException("the corpus was not stored");
            }
        }
        SubmitResult submitted = core.conversions().submit(session,
                new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.CSV)));
        return new Prepared(session, ((SubmitResult.Accepted) submitted).job());
    }

    record Prepared(SessionId session, Job conversion) {}

    /** Runs the conversion job as a worker does; with search it queues its index job, which is returned (not run). */
    Optional<Job> convert(Prepared prepared, boolean search) {
        JobOutcome outcome = (search ? withSearch : withoutSearch).run(new Context(prepared.conversion().id(), prepared.session(),
                prepared.conversion().spec().parameters()));
        JobResult result = ((JobOutcome.Completed) outcome).result();
        if (result.outputs().size() != 1 || !result.failed().isEmpty()) {
            throw new IllegalStateException("the conversion did not write its one output: " + result);
        }
        return search ? IndexJob.namedIn(result.summary()).map(JobId::new).flatMap(jobs::find) : Optional.empty();
    }

    /** Runs the index job as a worker does; returns the rows it indexed. */
    long index(Job indexJob) {
        JobOutcome outcome = indexer.run(new Context(indexJob.id(), indexJob.owner(), indexJob.spec().parameters()));
        JobResult result = ((JobOutcome.Completed) outcome).result();
        if (!result.failed().isEmpty()) {
            throw new IllegalStateException("the index job failed a file: " + result.failed());
        }
        return IndexJob.indexedIn(result.summary()).stream().mapToLong(IndexJob.Indexed::rows).sum();
    }

    /** Ends the session: its files, cache references, jobs and index go. */
    void end(Prepared prepared) {
        core.endSession().end(prepared.session(), EndReason.LOGOUT);
    }

    /**
     * Wall clock of running the prepared conversions on {@code workers} threads taking jobs in queue
     * order; with search each conversion's index job joins the end of the queue when it is queued,
     * as in the job store. Ends when every job has finished.
     */
    long batch(List<Prepared> batch, boolean search, int workers) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch finished = new CountDownLatch(search ? 2 * batch.size() : batch.size());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (Prepared prepared : batch) {
            pool.execute(() -> {
                try {
                    convert(prepared, search).ifPresent(indexJob -> pool.execute(() -> {
                        try {
                            index(indexJob);
                        } catch (RuntimeException e) {
                            failure.set(e);
                        } finally {
                            finished.countDown();
                        }
                    }));
                } catch (RuntimeException e) {
                    failure.set(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        if (!finished.await(1, TimeUnit.HOURS)) {
            throw new IllegalStateException("the batch did not finish within an hour");
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        if (failure.get() != null) {
            throw failure.get();
        }
        return elapsed;
    }

    @Override
    public void close() {
        database.close();
    }

    /** What a worker gives a handler: never stopped, progress ignored. */
    private record Context(JobId id, SessionId owner, JobParameters parameters) implements JobContext {
        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public void progress(long done, long total) {
            // A worker writes it with its next heartbeat; here nobody reads it.
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public boolean awaitStop(Duration duration) {
            return false;
        }
    }
}
