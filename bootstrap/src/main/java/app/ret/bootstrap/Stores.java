package app.ret.bootstrap;

import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.postgres.ChangeNotices;
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
import app.ret.ports.out.StoreFailureException;
import app.ret.ports.out.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stores one configuration selects: every store in PostgreSQL when {@code RET_DATABASE_URL} is
 * set (rate limits included, so that several instances share them), else the embedded SQLite file
 * with rate limits in memory, exactly as without PostgreSQL. Shared stores also carry notices of
 * changes between the instances ({@link #listenForPeers}).
 */
record Stores(String name, UserStore users, SessionStore sessions, RefreshTokenStore refreshTokens, CacheTier durableCache, JobStore jobs,
              RateLimitStore apiLimits, RateLimitStore loginLimits, HealthCheck database, Supplier<Map<String, String>> settings,
              Peers peers, Runnable closing) implements AutoCloseable {

    /** How an instance hears of other instances' changes: nothing to hear on a file only one process opens. */
    interface Peers {
        Peers ALONE = changes -> () -> { };

        AutoCloseable listen(PeerChangesUseCase changes);
    }

    /**
     * How long a session ending waits for every other listening instance to say it refuses the
     * session; one that stays silent longer (stalled, or its connection vanished without a goodbye)
     * refuses it when the notice reaches it, or drops everything when its listener is found lost.
     */
    static final Duration ENDING_ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(2);

    static Stores open(RetConfig config, Clock clock) {
        return config.databaseUrl().map(url -> postgres(url, config, clock)).orElseGet(() -> sqlite(config, clock));
    }

    private static Stores sqlite(RetConfig config, Clock clock) {
        SqliteDatabase database = SqliteDatabase.open(config.sessionDb(), clock);
        return new Stores("sqlite", new SqliteUserStore(database), new SqliteSessionStore(database), new SqliteRefreshTokenStore(database),
                new SqliteCacheTier(database), new SqliteJobStore(database), new InMemoryRateLimitStore(), new InMemoryRateLimitStore(),
                database, database::settings, Peers.ALONE, database::close);
    }

    private static Stores postgres(PostgresUrl url, RetConfig config, Clock clock) {
        PostgresDatabase database;
        try {
            database = PostgresDatabase.open(url, config.databasePool(), clock);
        } catch (StoreFailureException e) {
            throw new StoreFailureException("RET_DATABASE_URL: " + e.getMessage(), e);
        }
        ChangeNotices notices = new ChangeNotices(config.instanceId());
        Peers peers = changes -> PostgresChangeListener.start(url, config.databaseConnectTimeout(), notices, changes);
        return new Stores("postgres", new PostgresUserStore(database), new PostgresSessionStore(database, notices, ENDING_ACKNOWLEDGEMENT_WAIT), new PostgresRefreshTokenStore(database),
                new PostgresCacheTier(database, notices), new PostgresJobStore(database, notices), new PostgresRateLimitStore(database, "api"),
                new PostgresRateLimitStore(database, "login"), database, database::settings, peers, database::close);
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
        closing.run();
    }
}
