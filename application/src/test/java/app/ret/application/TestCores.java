package app.ret.application;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.conversion.StaxElementScanner;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.adapters.security.HmacDeviceCookieCodec;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.cache.TieredCacheService;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.quota.StorageQuota;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.job.Job;
import app.ret.domain.session.SessionId;
import app.ret.domain.files.FileLimits;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.TokenGrant;
import app.ret.ports.out.AccessTokenCodec;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.SessionStore;
import app.ret.domain.job.JobId;
import app.ret.domain.search.IndexJob;
import app.ret.ports.out.UserStore;
import app.ret.ports.out.Workspace;
import app.ret.ports.testing.SampleData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** A core over the in-memory stores and a real workspace under {@code root}, with the settings a test varies. */
public final class TestCores {
    /** Cheap hashing: the tests here are about what happens around the password check. */
    public static final int ITERATIONS = 1000;
    private static final byte[] KEY = new byte[32];

    private TestCores() {}

    /** The codec the cores here sign access tokens with: a test signs claims no login would issue. */
    public static AccessTokenCodec tokenCodec() {
        return new Hs256AccessTokenCodec(KEY);
    }

    public static AuthSettings auth(int maxSessionsPerUser, Duration refreshReuseGrace) {
        return new AuthSettings(Duration.ofMinutes(30), Duration.ofDays(1), SampleData.TIMEOUTS, ITERATIONS, maxSessionsPerUser,
                refreshReuseGrace);
    }

    public static FileLimits files(long sessionQuotaBytes, long userQuotaBytes) {
        return new FileLimits(16 << 20, sessionQuotaBytes, userQuotaBytes, new ArchiveLimits(100, 16 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH));
    }

    public static RetCore create(Clock clock, Path root, AuthSettings auth, FileLimits limits) {
        return create(clock, root, auth, limits, new InMemoryUserStore());
    }

    /** With a user store the test reaches directly too (a user with an old hash, say). */
    public static RetCore create(Clock clock, Path root, AuthSettings auth, FileLimits limits, UserStore users) {
        return create(clock, root, auth, limits, users, new InMemorySearchIndex());
    }

    /** With a search index the test reaches directly too (what it takes counts in the quotas). */
    public static RetCore create(Clock clock, Path root, AuthSettings auth, FileLimits limits, UserStore users, SearchIndex index) {
        return create(clock, root, auth, limits, users, index, new InMemoryRefreshTokenStore(), UnaryOperator.identity(), 1);
    }

    /** With a search index the test steps into, and {@code workers} job workers (a job can then wait for another). */
    public static RetCore create(Clock clock, Path root, FileLimits limits, SearchIndex index, int workers) {
        return create(clock, root, auth(5, Duration.ofSeconds(10)), limits, new InMemoryUserStore(), index, new InMemoryRefreshTokenStore(),
                UnaryOperator.identity(), workers);
    }

    /** With the refresh tokens the test reads directly, and the workspace seen through {@code decorate} (to step into its calls). */
    public static RetCore create(Clock clock, Path root, AuthSettings auth, FileLimits limits, RefreshTokenStore refreshTokens,
            UnaryOperator<Workspace> decorate) {
        return create(clock, root, auth, limits, new InMemoryUserStore(), new InMemorySearchIndex(), refreshTokens, decorate, 1);
    }

    private static RetCore create(Clock clock, Path root, AuthSettings auth, FileLimits limits, UserStore users, SearchIndex index,
            RefreshTokenStore refreshTokens, UnaryOperator<Workspace> decorate, int workers) {
        SplittableRandom random = new SplittableRandom(5);
        DiskWorkspace workspace = new DiskWorkspace(root);
        return RetCore.create(new CoreDependencies(clock, random, auth,
                users, new InMemorySessionStore(), refreshTokens,
                tokenCodec(), new HmacDeviceCookieCodec(KEY), new Pbkdf2PasswordHasher(random), decorate.apply(workspace), List.of(),
                new RateLimitSettings(new RateLimit(100, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofSeconds(300)), 4, 16),
                new InMemoryRateLimitStore(), new InMemoryRateLimitStore(),
                new CacheDependencies(new InMemoryCacheTier(1000, 16 << 20), new InMemoryCacheTier(100_000, 1 << 30), Duration.ofHours(1)),
                new InMemoryJobStore(), JobSettings.of(workers, 3, Duration.ofHours(1), false),
                Executors.defaultThreadFactory(), Duration.ofSeconds(30),
                fileAdapters(root, workspace, limits, index)));
    }

    /** The real file adapters over {@code workspace}, their scratch and caches under {@code root}: what a handler test runs on. */
    public static FilesDependencies fileAdapters(Path root, DiskWorkspace workspace, FileLimits limits, SearchIndex index) {
        return new FilesDependencies(new DiskSessionFiles(workspace), limits,
                new StaxCsvConverter(), new DiskConversionCache(root), new StreamingCsvTableReader(), new StaxElementScanner(),
                new FastexcelWorkbookWriter(root), new ExternalSortComparer(root), index);
    }

    /** The quotas a handler test runs on: the sessions' files in {@code workspace}, a small in-memory cache, {@code files}' conversion cache and index. */
    public static StorageQuota quota(Clock clock, SessionStore sessions, Workspace workspace, FilesDependencies files) {
        TieredCacheService cache = new TieredCacheService(clock, new CacheDependencies(new InMemoryCacheTier(100, 1 << 20),
                new InMemoryCacheTier(100, 1 << 20), Duration.ofHours(1)), Runnable::run);
        return new StorageQuota(sessions, workspace, cache, files.conversionCache(), files.searchIndex(), files.limits());
    }

    /** Waits (at most 20 s, failing the test after) until the job has finished, and returns it as it ended. */
    public static Job awaitFinished(RetCore core, SessionId owner, Job job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Job now = job;
        while (!now.isFinished()) {
            assertThat(System.nanoTime()).as("job " + job.id() + " still " + now.status()).isLessThan(deadline);
            Thread.sleep(10);
            now = core.jobs().find(owner, job.id()).orElseThrow();
        }
        return now;
    }

    /** Waits for the index job a finished conversion names (then its rows are searchable) and returns it as it ended. */
    public static Job awaitIndexJob(RetCore core, SessionId owner, Job conversion) throws InterruptedException {
        String indexJob = IndexJob.namedIn(conversion.result().orElseThrow().summary())
                .orElseThrow(() -> new AssertionError("conversion " + conversion.id() + " names no index job"));
        return awaitFinished(core, owner, core.jobs().find(owner, new JobId(indexJob)).orElseThrow());
    }

    /** Logs in from one address and returns the grant; fails the test when the login is not accepted. */
    public static TokenGrant login(RetCore core, String username, String password) {
        LoginResult result = core.login().login(new LoginCommand(username, password.toCharArray(), "192.0.2.1"));
        if (result instanceof LoginResult.LoggedIn loggedIn) {
            return loggedIn.grant();
        }
        throw new AssertionError(username + " could not log in: " + result);
    }
}
