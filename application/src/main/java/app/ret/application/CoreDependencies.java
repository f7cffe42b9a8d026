package app.ret.application;

import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.ports.out.AccessTokenCodec;
import app.ret.ports.out.DeviceCookieCodec;
import app.ret.ports.out.HealthCheck;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.PasswordHasher;
import app.ret.ports.out.RateLimitStore;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.UserStore;
import app.ret.ports.out.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;

/**
 * Everything the core needs from outside. {@code requestCounters} hold the API limit's windows,
 * {@code loginFailureCounters} the failed logins'; {@code backgroundThreads} makes the job
 * runner's worker and heartbeat threads and the scheduler's thread; every {@code sweepInterval}
 * the scheduler ends expired sessions, finishes interrupted endings and sweeps the cache and old
 * jobs; {@code files} holds the session files store, its limits, the converter and the conversion cache.
 */
public record CoreDependencies(
        Clock clock,
        RandomGenerator random,
        AuthSettings authSettings,
        UserStore users,
        SessionStore sessions,
        RefreshTokenStore refreshTokens,
        AccessTokenCodec tokenCodec,
        DeviceCookieCodec deviceCookies,
        PasswordHasher passwordHasher,
        Workspace workspace,
        List<HealthCheck> healthChecks,
        RateLimitSettings rateLimits,
        RateLimitStore requestCounters,
        RateLimitStore loginFailureCounters,
        CacheDependencies cache,
        JobStore jobs,
        JobSettings jobSettings,
        ThreadFactory backgroundThreads,
        Duration sweepInterval,
        FilesDependencies files) {

    public CoreDependencies {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(authSettings, "authSettings");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(tokenCodec, "tokenCodec");
        Objects.requireNonNull(deviceCookies, "deviceCookies");
        Objects.requireNonNull(passwordHasher, "passwordHasher");
        Objects.requireNonNull(workspace, "workspace");
        healthChecks = List.copyOf(healthChecks);
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(requestCounters, "requestCounters");
        Objects.requireNonNull(loginFailureCounters, "loginFailureCounters");
        if (requestCounters == loginFailureCounters) {
            throw new IllegalArgumentException("login failures need their own counters, so an API flood cannot evict them");
        }
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(jobSettings, "jobSettings");
        Objects.requireNonNull(backgroundThreads, "backgroundThreads");
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("the sweep interval must be positive");
        }
        Objects.requireNonNull(files, "files");
    }
}
