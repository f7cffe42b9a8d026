package app.ret.bootstrap;

import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.postgres.ChangeNotices;
import app.ret.adapters.postgres.PoolSettings;
import app.ret.adapters.postgres.PostgresCacheTier;
import app.ret.adapters.postgres.PostgresChangeListener;
import app.ret.adapters.postgres.PostgresDatabase;
import app.ret.adapters.postgres.PostgresJobStore;
import app.ret.adapters.postgres.PostgresRateLimitStore;
import app.ret.adapters.postgres.PostgresRefreshTokenStore;
import app.ret.adapters.postgres.PostgresSessionStore;
import app.ret.adapters.postgres.PostgresUrl;
import app.ret.adapters.postgres.PostgresUserStore;
import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteJobStore;
import app.ret.adapters.sqlite.SqliteRefreshTokenStore;
import app.ret.adapters.sqlite.SqliteSessionStore;
import app.ret.adapters.sqlite.SqliteUserStore;
import app.ret.ports.in.PeerChangesUseCase;
import app.ret.ports.out.CacheTier;
import app.ret.ports.out.HealthCheck;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.RateLimitStore;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where RET keeps its state: the embedded SQLite file (one process; rate-limit counters in memory),
 * or, when {@code RET_DATABASE_URL} is set, a PostgreSQL database that several instances share,
 * counters included. Shared stores also carry notices of changes between the instances
 * ({@link #listenForPeers}).
 */
record Stores(
        UserStore users,
        SessionStore sessions,
        RefreshTokenStore refreshTokens,
        CacheTier durableCache,
        JobStore jobs,
        RateLimitStore requestCounters,
        RateLimitStore loginFailureCounters,
        HealthCheck database,
        Supplier<Map<String, String>> settings,
        Peers peers,
        AutoCloseable closing) implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How an instance hears of other instances' changes: nothing to hear on a file only one process opens. */
    interface Peers {
        Peers ALONE = changes -> () -> { };

        AutoCloseable listen(PeerChangesUseCase changes);
    }

    static Stores open(RetConfig config, Clock clock) {
        return config.databaseUrl().isPresent() ? postgres(config, clock) : sqlite(config, clock);
    }

    private static Stores sqlite(RetConfig config, Clock clock) {
        SqliteDatabase database = SqliteDatabase.open(config.sessionDb(), clock);
        return new Stores(new SqliteUserStore(database), new SqliteSessionStore(database), new SqliteRefreshTokenStore(database),
                new SqliteCacheTier(database), new SqliteJobStore(database), new InMemoryRateLimitStore(), new InMemoryRateLimitStore(),
                database, database::settings, Peers.ALONE, database);
    }

    private static Stores postgres(RetConfig config, Clock clock) {
        PostgresUrl url;
        try {
            url = PostgresUrl.parse(config.databaseUrl().orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("RET_DATABASE_URL", e.getMessage());
        }
        PostgresDatabase database = PostgresDatabase.open(url,
                new PoolSettings(PoolSettings.sizeFor(config.httpThreads(), config.jobWorkers()), CONNECT_TIMEOUT), clock);
        ChangeNotices notices = new ChangeNotices(config.instanceId());
        return new Stores(new PostgresUserStore(database), new PostgresSessionStore(database), new PostgresRefreshTokenStore(database),
                new PostgresCacheTier(database, notices), new PostgresJobStore(database, notices),
                new PostgresRateLimitStore(database, "api"), new PostgresRateLimitStore(database, "login"),
                database, database::settings, changes -> PostgresChangeListener.start(url, CONNECT_TIMEOUT, notices, changes), database);
    }

    /** True when other instances may share these stores. */
    boolean shared() {
        return peers != Peers.ALONE;
    }

    AutoCloseable listenForPeers(PeerChangesUseCase changes) {
        return peers.listen(changes);
    }

    @Override
    public void close() {
        try {
            closing.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the database failed", e);
        }
    }
}
