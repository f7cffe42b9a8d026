package app.ret.benchmarks;

import static app.ret.benchmarks.CacheSamples.NOW;
import static app.ret.benchmarks.CacheSamples.STORE_KEYS;

import app.ret.adapters.postgres.ChangeNotices;
import app.ret.adapters.postgres.PoolSettings;
import app.ret.adapters.postgres.PostgresCacheTier;
import app.ret.adapters.postgres.PostgresDatabase;
import app.ret.adapters.postgres.PostgresRateLimitStore;
import app.ret.adapters.postgres.PostgresUrl;
import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cluster.InstanceId;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * P2-PG and P4-PG: the PostgreSQL cache tier's durable put and point get, and a rate-limit check,
 * through the adapters against the same single statements run raw through pgjdbc (one dedicated
 * autocommit connection, prepared once) on the same throwaway server with PostgreSQL's durable
 * defaults. The adapter and its baseline have a database each, made by the real migrations and
 * filled with the same 10 000 entries; they run at the same time, one thread each (a JMH group), so
 * both see the same machine.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PostgresStoresBenchmark {
    static final String PUT = "durablePut";
    static final String GET = "pointGet";
    static final String CHECK = "rateLimitCheck";
    private static final RateLimit UNLIMITED = new RateLimit(Integer.MAX_VALUE, Duration.ofHours(1));
    private static final String UPSERT = """
            INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, size = excluded.size,
                created_at = excluded.created_at, expires_at = excluded.expires_at""";
    private static final String SELECT =
            "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)";
    /** The floor of a shared fixed-window counter: count the key in one statement and read the count back. */
    private static final String COUNT = """
            INSERT INTO rate_limit_windows AS w (namespace, key, ends_at, admitted, last_request_counted) VALUES ('raw', ?, ?, 1, true)
            ON CONFLICT (namespace, key) DO UPDATE SET admitted = w.admitted + 1
            RETURNING ends_at, admitted""";

    private PostgresServer server;
    private CacheEntry[] entries;
    private RateLimitKey[] rateLimitKeys;
    private PostgresDatabase database;
    private PostgresCacheTier tier;
    private PostgresRateLimitStore limiter;
    private Connection raw;
    private PreparedStatement upsert;
    private PreparedStatement select;
    private PreparedStatement count;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        server = PostgresServer.startDurable();
        entries = CacheSamples.storeEntries();
        rateLimitKeys = new RateLimitKey[STORE_KEYS];
        for (int i = 0; i < STORE_KEYS; i++) {
            rateLimitKeys[i] = new RateLimitKey("ip:10.0." + (i >> 8) + "." + (i & 0xff));
        }
        PostgresTestDatabase retDatabase = server.newDatabase();
        PostgresTestDatabase rawDatabase = server.newDatabase();
        PoolSettings pool = new PoolSettings(4, Duration.ofSeconds(5));
        database = PostgresDatabase.open(PostgresUrl.parse(retDatabase.url()), pool, Clock.systemUTC());
        PostgresDatabase.open(PostgresUrl.parse(rawDatabase.url()), pool, Clock.systemUTC()).close();
        // The adapter as instances run it: every write also sends its change notice in the same statement.
        tier = new PostgresCacheTier(database, new ChangeNotices(new InstanceId("benchmark")));
        limiter = new PostgresRateLimitStore(database, "api");
        fill(retDatabase);
        raw = rawDatabase.connect();
        upsert = raw.prepareStatement(UPSERT);
        select = raw.prepareStatement(SELECT);
        count = raw.prepareStatement(COUNT);
        fill(rawDatabase);
    }

    /** Every entry, in one transaction (10 000 durable commits would take minutes on a slow disk). */
    private void fill(PostgresTestDatabase target) throws SQLException {
        try (Connection connection = target.connect(); PreparedStatement filling = connection.prepareStatement(UPSERT)) {
            connection.setAutoCommit(false);
            for (CacheEntry entry : entries) {
                bind(filling, entry).addBatch();
            }
            filling.executeBatch();
            connection.commit();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        raw.close();
        database.close();
        server.stop();
    }

    private static PreparedStatement bind(PreparedStatement statement, CacheEntry entry) throws SQLException {
        statement.setString(1, entry.key().value());
        statement.setBytes(2, entry.value());
        statement.setInt(3, entry.size());
        statement.setObject(4, entry.createdAt().atOffset(ZoneOffset.UTC));
        statement.setObject(5, entry.expiresAt().orElseThrow().atOffset(ZoneOffset.UTC));
        return statement;
    }

    @Benchmark
    @Group(PUT)
    @GroupThreads(1)
    public void retPut(CacheSamples.Cursor cursor) {
        tier.put(entries[cursor.next()]);
    }

    @Benchmark
    @Group(PUT)
    @GroupThreads(1)
    public int rawPut(CacheSamples.Cursor cursor) throws SQLException {
        return bind(upsert, entries[cursor.next()]).executeUpdate();
    }

    @Benchmark
    @Group(GET)
    @GroupThreads(1)
    public void retGet(CacheSamples.Cursor cursor, Blackhole sink) {
        sink.consume(tier.get(entries[cursor.next()].key(), NOW).orElseThrow());
    }

    @Benchmark
    @Group(GET)
    @GroupThreads(1)
    public void rawGet(CacheSamples.Cursor cursor, Blackhole sink) throws SQLException {
        CacheEntry entry = entries[cursor.next()];
        select.setString(1, entry.key().value());
        select.setObject(2, NOW.atOffset(ZoneOffset.UTC));
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("missing " + entry.key());
            }
            sink.consume(rows.getBytes(1));
            sink.consume(rows.getObject(2, OffsetDateTime.class));
            sink.consume(rows.getObject(3, OffsetDateTime.class));
        }
    }

    @Benchmark
    @Group(CHECK)
    @GroupThreads(1)
    public Object retCheck(CacheSamples.Cursor cursor) {
        return limiter.acquire(rateLimitKeys[cursor.next()], UNLIMITED, NOW);
    }

    @Benchmark
    @Group(CHECK)
    @GroupThreads(1)
    public int rawCheck(CacheSamples.Cursor cursor, Blackhole sink) throws SQLException {
        count.setString(1, rateLimitKeys[cursor.next()].value());
        count.setObject(2, NOW.plus(UNLIMITED.window()).atOffset(ZoneOffset.UTC));
        try (ResultSet row = count.executeQuery()) {
            row.next();
            sink.consume(row.getObject(1, OffsetDateTime.class));
            return row.getInt(2);
        }
    }
}
