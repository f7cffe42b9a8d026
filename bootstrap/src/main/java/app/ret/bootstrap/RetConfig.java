package app.ret.bootstrap;

import app.ret.adapters.http.pipeline.CorsPolicy;
import app.ret.adapters.http.pipeline.TrustedProxies;
import app.ret.adapters.postgres.PoolSettings;
import app.ret.adapters.postgres.PostgresUrl;
import app.ret.domain.cluster.InstanceId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every setting of CONFIG.md, parsed and checked; a bad value names its variable. */
public record RetConfig(
        boolean production,
        String apiHost,
        int apiPort,
        Path runtimeRoot,
        Path sessionDb,
        long runtimeMinFreeBytes,
        Optional<PostgresUrl> databaseUrl,
        int databasePoolSize,
        Duration databaseConnectTimeout,
        int sessionCacheMaxSize,
        long sessionCacheMaxBytes,
        Duration sessionCacheTtl,
        int rateLimitRequests,
        Duration rateLimitWindow,
        int loginMaxFailures,
        Duration loginFailureWindow,
        List<String> trustedProxies,
        Optional<String> jwtSecretKey,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Duration refreshReuseGrace,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteTimeout,
        Duration sweepInterval,
        boolean cookieSecure,
        int passwordHashIterations,
        Optional<String> adminPassword,
        long maxUploadBytes,
        long sessionQuotaBytes,
        int maxSessionsPerUser,
        long userQuotaBytes,
        int zipMaxEntries,
        long zipMaxTotalBytes,
        int zipMaxRatio,
        int jobWorkers,
        int jobMaxAttempts,
        Duration jobRetention,
        boolean jobTestTypeEnabled,
        long conversionCacheMaxBytes,
        int httpThreads,
        int httpMaxRequestSeconds,
        List<String> corsOrigins,
        String logLevel,
        String logFormat,
        InstanceId instanceId,
        Duration jobLease) {

    private static final long MIB = 1024L * 1024L;

    public static RetConfig fromEnvironment() {
        return from(EnvironmentSource.load(Path.of(".env"), System.getenv()));
    }

    public static RetConfig from(Map<String, String> values) {
        Settings settings = new Settings(values);
        String env = settings.text("ENV", "development").toLowerCase(Locale.ROOT);
        if (!env.equals("development") && !env.equals("production") && !env.equals("test")) {
            throw new ConfigException("ENV", "must be development, production or test (got '" + env + "')");
        }
        boolean production = env.equals("production");
        Path runtimeRoot = settings.path("RET_RUNTIME_ROOT", Path.of("./runtime"));
        Optional<String> jwtSecret = settings.optional("JWT_SECRET_KEY");
        if (jwtSecret.isPresent() && jwtSecret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException("JWT_SECRET_KEY", "must be at least 32 bytes");
        }
        if (production && jwtSecret.isEmpty()) {
            throw new ConfigException("JWT_SECRET_KEY", "is required when ENV=production");
        }
        InstanceId instanceId;
        try {
            instanceId = settings.optional("RET_INSTANCE_ID").map(InstanceId::new)
                    .orElseGet(() -> InstanceId.of(settings.optional("HOSTNAME").orElseGet(RetConfig::hostName),
                            ProcessHandle.current().pid()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("RET_INSTANCE_ID", e.getMessage());
        }
        boolean cookieSecure = settings.bool("COOKIE_SECURE", !env.equals("development"));
        if (production && !cookieSecure) {
            throw new ConfigException("COOKIE_SECURE", "cannot be false when ENV=production");
        }
        String logFormat = settings.text("LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new ConfigException("LOG_FORMAT", "must be text or json (got '" + logFormat + "')");
        }
        String logLevel = settings.text("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
        if (!Set.of("TRACE", "DEBUG", "INFO", "WARNING", "WARN", "ERROR").contains(logLevel)) {
            throw new ConfigException("LOG_LEVEL", "must be one of DEBUG, INFO, WARNING, ERROR (got '" + logLevel + "')");
        }
        List<String> trustedProxies = settings.list("TRUSTED_PROXIES");
        try {
            TrustedProxies.parse(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TRUSTED_PROXIES", e.getMessage());
        }
        List<String> corsOrigins = settings.list("CORS_ORIGINS");
        try {
            CorsPolicy.parse(corsOrigins);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CORS_ORIGINS", e.getMessage());
        }
        Optional<PostgresUrl> databaseUrl;
        try {
            databaseUrl = settings.optional("RET_DATABASE_URL").map(PostgresUrl::parse);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("RET_DATABASE_URL", e.getMessage());
        }
        if (databaseUrl.isPresent() && jwtSecret.isEmpty()) {
            throw new ConfigException("JWT_SECRET_KEY", "is required when RET_DATABASE_URL is set: every instance on the database"
                    + " must sign with the same key, and a generated key file would differ per host");
        }
        int httpThreads = settings.integer("HTTP_THREADS", 16, 1, 1024);
        int jobWorkers = settings.integer("JOB_WORKERS", 2, 1, 256);
        Duration absolute = Duration.ofHours(settings.integer("SESSION_ABSOLUTE_TIMEOUT_HOURS", 12, 1, 24 * 365));
        return new RetConfig(
                production,
                settings.text("API_HOST", "127.0.0.1"),
                settings.integer("API_PORT", 8000, 0, 65535),
                runtimeRoot,
                settings.path("RET_SESSION_DB", runtimeRoot.resolve("ret_session.db")),
                settings.integer("RUNTIME_MIN_FREE_MB", 256, 0, 16_777_216) * MIB,
                databaseUrl,
                settings.integer("RET_DATABASE_POOL_SIZE", PoolSettings.sizeFor(httpThreads, jobWorkers), 1, 1000),
                Duration.ofSeconds(settings.integer("RET_DATABASE_CONNECT_TIMEOUT_SECONDS", 5, 1, 300)),
                settings.integer("SESSION_CACHE_MAX_SIZE", 1000, 1, 100_000_000),
                settings.longValue("SESSION_CACHE_MAX_BYTES", 64 * MIB, 1024, Long.MAX_VALUE),
                Duration.ofSeconds(settings.integer("SESSION_CACHE_TTL_SECONDS", 3600, 1, Integer.MAX_VALUE)),
                settings.integer("RATE_LIMIT_REQUESTS", 100, 1, Integer.MAX_VALUE),
                Duration.ofSeconds(settings.integer("RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400)),
                settings.integer("LOGIN_MAX_FAILURES", 5, 1, 1_000_000),
                Duration.ofSeconds(settings.integer("LOGIN_FAILURE_WINDOW_SECONDS", 300, 1, 86_400)),
                trustedProxies,
                jwtSecret,
                Duration.ofMinutes(settings.integer("ACCESS_TOKEN_EXPIRE_MINUTES", 30, 1, 24 * 60)),
                Duration.ofDays(settings.integer("REFRESH_TOKEN_EXPIRE_DAYS", 7, 1, 365)),
                Duration.ofSeconds(settings.integer("REFRESH_REUSE_GRACE_SECONDS", 10, 0, 300)),
                Duration.ofMinutes(settings.integer("SESSION_IDLE_TIMEOUT_MINUTES", 60, 1, 60 * 24 * 365)),
                absolute,
                Duration.ofSeconds(settings.integer("SWEEP_INTERVAL_SECONDS", 30, 1, 86_400)),
                cookieSecure,
                settings.integer("PASSWORD_HASH_ITERATIONS", 600_000, 1000, 100_000_000),
                settings.optional("RET_ADMIN_PASSWORD"),
                settings.integer("MAX_UPLOAD_MB", 512, 1, 1_048_576) * MIB,
                settings.integer("SESSION_QUOTA_MB", 2048, 1, 16_777_216) * MIB,
                settings.integer("MAX_SESSIONS_PER_USER", 5, 1, 10_000),
                settings.integer("USER_QUOTA_MB", 4096, 1, 16_777_216) * MIB,
                settings.integer("ZIP_MAX_ENTRIES", 10_000, 1, 10_000_000),
                settings.integer("ZIP_MAX_TOTAL_MB", 1024, 1, 16_777_216) * MIB,
                settings.integer("ZIP_MAX_RATIO", 200, 1, 100_000),
                jobWorkers,
                settings.integer("JOB_MAX_ATTEMPTS", 3, 1, 100),
                Duration.ofMinutes(settings.integer("JOB_RETENTION_MINUTES", 60, 1, 60 * 24 * 365)),
                settings.bool("JOB_TEST_TYPE_ENABLED", false),
                settings.integer("CONVERSION_CACHE_MAX_MB", 1024, 1, 16_777_216) * MIB,
                httpThreads,
                settings.integer("HTTP_MAX_REQUEST_SECONDS", 30, 1, 86_400),
                corsOrigins,
                logLevel,
                logFormat,
                instanceId,
                Duration.ofSeconds(settings.integer("JOB_LEASE_SECONDS", 30, 1, 3600)));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "ret";
        }
    }

    /** Every effective setting as NAME → value, secrets masked, in CONFIG.md order. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("ENV", production ? "production" : "development");
        shown.put("API_HOST", apiHost);
        shown.put("API_PORT", Integer.toString(apiPort));
        shown.put("RET_RUNTIME_ROOT", runtimeRoot.toString());
        shown.put("RET_SESSION_DB", databaseUrl.isPresent() ? "(not used: RET_DATABASE_URL is set)" : sessionDb.toString());
        shown.put("RUNTIME_MIN_FREE_MB", Long.toString(runtimeMinFreeBytes / MIB));
        shown.put("RET_DATABASE_URL", databaseUrl.map(PostgresUrl::masked).orElse("(unset: the embedded SQLite database)"));
        shown.put("RET_DATABASE_POOL_SIZE", Integer.toString(databasePoolSize));
        shown.put("RET_DATABASE_CONNECT_TIMEOUT_SECONDS", Long.toString(databaseConnectTimeout.toSeconds()));
        shown.put("SESSION_CACHE_MAX_SIZE", Integer.toString(sessionCacheMaxSize));
        shown.put("SESSION_CACHE_MAX_BYTES", Long.toString(sessionCacheMaxBytes));
        shown.put("SESSION_CACHE_TTL_SECONDS", Long.toString(sessionCacheTtl.toSeconds()));
        shown.put("RATE_LIMIT_REQUESTS", Integer.toString(rateLimitRequests));
        shown.put("RATE_LIMIT_WINDOW_SECONDS", Long.toString(rateLimitWindow.toSeconds()));
        shown.put("LOGIN_MAX_FAILURES", Integer.toString(loginMaxFailures));
        shown.put("LOGIN_FAILURE_WINDOW_SECONDS", Long.toString(loginFailureWindow.toSeconds()));
        shown.put("TRUSTED_PROXIES", String.join(",", trustedProxies));
        shown.put("JWT_SECRET_KEY", jwtSecretKey.isPresent() ? "****" : "(generated, kept in <root>/jwt.key)");
        shown.put("ACCESS_TOKEN_EXPIRE_MINUTES", Long.toString(accessTokenLifetime.toMinutes()));
        shown.put("REFRESH_TOKEN_EXPIRE_DAYS", Long.toString(refreshTokenLifetime.toDays()));
        shown.put("REFRESH_REUSE_GRACE_SECONDS", Long.toString(refreshReuseGrace.toSeconds()));
        shown.put("SESSION_IDLE_TIMEOUT_MINUTES", Long.toString(sessionIdleTimeout.toMinutes()));
        shown.put("SESSION_ABSOLUTE_TIMEOUT_HOURS", Long.toString(sessionAbsoluteTimeout.toHours()));
        shown.put("SWEEP_INTERVAL_SECONDS", Long.toString(sweepInterval.toSeconds()));
        shown.put("COOKIE_SECURE", Boolean.toString(cookieSecure));
        shown.put("PASSWORD_HASH_ITERATIONS", Integer.toString(passwordHashIterations));
        shown.put("RET_ADMIN_PASSWORD", adminPassword.isPresent() ? "****" : "(unset)");
        shown.put("MAX_UPLOAD_MB", Long.toString(maxUploadBytes / MIB));
        shown.put("SESSION_QUOTA_MB", Long.toString(sessionQuotaBytes / MIB));
        shown.put("MAX_SESSIONS_PER_USER", Integer.toString(maxSessionsPerUser));
        shown.put("USER_QUOTA_MB", Long.toString(userQuotaBytes / MIB));
        shown.put("ZIP_MAX_ENTRIES", Integer.toString(zipMaxEntries));
        shown.put("ZIP_MAX_TOTAL_MB", Long.toString(zipMaxTotalBytes / MIB));
        shown.put("ZIP_MAX_RATIO", Integer.toString(zipMaxRatio));
        shown.put("JOB_WORKERS", Integer.toString(jobWorkers));
        shown.put("JOB_MAX_ATTEMPTS", Integer.toString(jobMaxAttempts));
        shown.put("JOB_RETENTION_MINUTES", Long.toString(jobRetention.toMinutes()));
        shown.put("JOB_TEST_TYPE_ENABLED", Boolean.toString(jobTestTypeEnabled));
        shown.put("CONVERSION_CACHE_MAX_MB", Long.toString(conversionCacheMaxBytes / MIB));
        shown.put("HTTP_THREADS", Integer.toString(httpThreads));
        shown.put("HTTP_MAX_REQUEST_SECONDS", Integer.toString(httpMaxRequestSeconds));
        shown.put("CORS_ORIGINS", String.join(",", corsOrigins));
        shown.put("LOG_LEVEL", logLevel);
        shown.put("LOG_FORMAT", logFormat);
        shown.put("RET_INSTANCE_ID", instanceId.value());
        shown.put("JOB_LEASE_SECONDS", Long.toString(jobLease.toSeconds()));
        return shown;
    }

    /** The PostgreSQL connection pool RET_DATABASE_POOL_SIZE and RET_DATABASE_CONNECT_TIMEOUT_SECONDS describe. */
    public PoolSettings databasePool() {
        return new PoolSettings(databasePoolSize, databaseConnectTimeout);
    }

    @Override
    public String toString() {
        return "RetConfig" + describe();
    }

    /** Typed reads of the raw variables; each failure names the variable. */
    private record Settings(Map<String, String> values) {
        Optional<String> optional(String name) {
            return Optional.ofNullable(values.get(name)).map(String::trim).filter(value -> !value.isEmpty());
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        Path path(String name, Path fallback) {
            return optional(name).map(Path::of).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            return (int) longValue(name, fallback, min, max);
        }

        long longValue(String name, long fallback, long min, long max) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            long parsed;
            try {
                parsed = Long.parseLong(raw.get());
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "must be a whole number (got '" + raw.get() + "')");
            }
            if (parsed < min || parsed > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + " (got " + parsed + ")");
            }
            return parsed;
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> raw = optional(name).map(value -> value.toLowerCase(Locale.ROOT));
            if (raw.isEmpty()) {
                return fallback;
            }
            return switch (raw.get()) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new ConfigException(name, "must be true or false (got '" + raw.get() + "')");
            };
        }

        List<String> list(String name) {
            return optional(name)
                    .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList())
                    .orElse(List.of());
        }
    }
}
