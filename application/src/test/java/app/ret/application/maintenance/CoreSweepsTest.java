package app.ret.application.maintenance;

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
import app.ret.application.CoreDependencies;
import app.ret.application.RetCore;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.session.SessionTimeouts;
import app.ret.domain.user.Role;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.out.HealthCheck;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.SampleJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core schedules its three sweeps itself, every sweep interval by its clock. */
class CoreSweepsTest {
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemoryJobStore jobs = new InMemoryJobStore();

    @TempDir
    Path runtimeRoot;

    @Test
    void everySweepIntervalExpiredSessionsEndAndExpiredCacheEntriesAndOldJobsGo() {
        RetCore core = core();
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        LoginResult login = core.login().login(new LoginCommand("alice", "password-1".toCharArray(), "192.0.2.1"));
        SessionId session = ((LoginResult.LoggedIn) login).grant().session().id();
        core.cache().put(new CacheKey("shared:greeting"), new byte[] {1}, Duration.ofSeconds(10));
        QueuedJob job = SampleJobs.queued(SampleData.newSessionId(), clock.instant());
        jobs.enqueue(job);
        RunningJob running = jobs.claimNext(clock.instant(), clock.instant().plusSeconds(5)).orElseThrow();
        jobs.advance(job.id(), running.attempts(), claimed -> claimed.succeed(JobResult.EMPTY, clock.instant()));

        clock.advance(SWEEP_INTERVAL.minusSeconds(1));
        assertThat(core.maintenance().runDue()).as("nothing is due before the interval").isZero();
        assertThat(core.cache().statistics().persistent().evictions()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(core.maintenance().runDue()).as("session, cache and job sweeps, and the periodic health checks").isEqualTo(4);
        assertThat(periodicHealthChecks).as("the database's quick_check runs with the sweeps, not per probe").hasValue(1);
        assertThat(core.cache().statistics().persistent().evictions()).as("the expired entry swept").isEqualTo(1);
        assertThat(core.sessionQueries().activeSession(session)).as("idle for 30 s, not yet a minute").isPresent();
        assertThat(jobs.find(job.id())).as("finished 30 s ago, retention a minute").isPresent();

        clock.advance(SWEEP_INTERVAL.plusMillis(1));
        assertThat(core.maintenance().runDue()).isEqualTo(4);
        assertThat(periodicHealthChecks).hasValue(2);
        assertThat(core.sessionQueries().activeSession(session)).isEmpty();
        assertThat(runtimeRoot.resolve("sessions").resolve(session.value())).doesNotExist();
        assertThat(jobs.find(job.id())).isEmpty();
    }

    private final AtomicInteger periodicHealthChecks = new AtomicInteger();

    /** Healthy; counts how often the scheduler runs its costly check. */
    private HealthCheck countingHealthCheck() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public Optional<String> problem() {
                return Optional.empty();
            }

            @Override
            public void runPeriodicCheck() {
                periodicHealthChecks.incrementAndGet();
            }
        };
    }

    /** Every part of a logout's cleanup succeeds, so nothing is left for the sweep that takes over interrupted endings. */
    @Test
    void aLogoutLeavesNoEndingForTheSweepToFinish() {
        RetCore core = core();
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        LoginResult login = core.login().login(new LoginCommand("alice", "password-1".toCharArray(), "192.0.2.1"));
        SessionId session = ((LoginResult.LoggedIn) login).grant().session().id();

        assertThat(core.endSession().end(session, EndReason.LOGOUT)).isPresent();

        clock.advance(JobSettings.DEFAULT_LEASE.plusMillis(1));
        assertThat(core.sessionMaintenance().finishInterruptedEndings()).isZero();
    }

    private RetCore core() {
        SplittableRandom random = new SplittableRandom(3);
        DiskWorkspace workspace = new DiskWorkspace(runtimeRoot);
        return RetCore.create(new CoreDependencies(clock, random,
                new AuthSettings(Duration.ofMinutes(1), Duration.ofDays(1), new SessionTimeouts(Duration.ofMinutes(1), Duration.ofHours(1)), 1000, 5, Duration.ofSeconds(10)),
                new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryRefreshTokenStore(),
                new Hs256AccessTokenCodec(new byte[32]), new HmacDeviceCookieCodec(new byte[32]), new Pbkdf2PasswordHasher(random), workspace, List.of(countingHealthCheck()),
                new RateLimitSettings(new RateLimit(100, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofSeconds(300)), 1, 1),
                new InMemoryRateLimitStore(), new InMemoryRateLimitStore(),
                new CacheDependencies(new InMemoryCacheTier(100, 1 << 20), new InMemoryCacheTier(100, 1 << 20), Duration.ofHours(1)),
                jobs, JobSettings.of(1, 3, Duration.ofMinutes(1), false), Executors.defaultThreadFactory(), SWEEP_INTERVAL,
                new FilesDependencies(new DiskSessionFiles(workspace),
                        new FileLimits(1 << 20, 1 << 20, 1 << 20, new ArchiveLimits(100, 1 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)),
                        new StaxCsvConverter(), new DiskConversionCache(runtimeRoot), new StreamingCsvTableReader(), new StaxElementScanner(),
                        new FastexcelWorkbookWriter(runtimeRoot),
                        new ExternalSortComparer(runtimeRoot), new InMemorySearchIndex())));
    }
}
