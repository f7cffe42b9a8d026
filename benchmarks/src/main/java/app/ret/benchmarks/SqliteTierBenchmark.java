package app.ret.benchmarks;

import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite.SQLiteConfig;

/**
 * P2: the SQLite tier's durable put and point get against the same statements run raw through
 * sqlite-jdbc (one autocommit connection, the same pragmas: WAL, {@code synchronous=FULL},
 * busy timeout, foreign keys) on a table of the same shape and size, in a database file of its own.
 * Sample-time mode, so the report has the get latency percentiles as well as the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqliteTierBenchmark {
    static final String RET = "ret-sqlite-tier";
    static final String RAW = "raw-sqlite-jdbc";
    private static final int KEYS = 10_000;
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String UPSERT = """
            INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, size = excluded.size,
                created_at = excluded.created_at, expires_at = excluded.expires_at""";
    private static final String SELECT =
            "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)";

    @Param({RET, RAW})
    public String store;

    private Path directory;
    private CacheEntry[] entries;
    private SqliteDatabase database;
    private SqliteCacheTier tier;
    private Connection raw;
    private PreparedStatement upsert;
    private PreparedStatement select;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        directory = Files.createTempDirectory("ret-p2-");
        Path file = directory.resolve("ret_session.db");
        entries = new CacheEntry[KEYS];
        for (int i = 0; i < KEYS; i++) {
            CacheKey key = new CacheKey("session:0123456789abcdef0123456789abcdef:state:key-" + i);
            entries[i] = new CacheEntry(key, new byte[64 + i % 192], NOW, Optional.of(NOW.plusSeconds(3600)));
        }
        // Both contenders get the schema of migration 2, created by the real migrator.
        database = SqliteDatabase.open(file, Clock.systemUTC());
        database.write(sql -> {
            for (CacheEntry entry : entries) {
                bindUpsert(sql.prepare(UPSERT), entry).executeUpdate();
            }
            return null;
        });
        if (store.equals(RET)) {
            tier = new SqliteCacheTier(database);
        } else {
            database.close();
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(5000);
            config.enforceForeignKeys(true);
            raw = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            upsert = raw.prepareStatement(UPSERT);
            select = raw.prepareStatement(SELECT);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException, IOException {
        if (raw != null) {
            upsert.close();
            select.close();
            raw.close();
        } else {
            database.close();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    private static PreparedStatement bindUpsert(PreparedStatement statement, CacheEntry entry) throws SQLException {
        statement.setString(1, entry.key().value());
        statement.setBytes(2, entry.value());
        statement.setInt(3, entry.size());
        statement.setLong(4, entry.createdAt().toEpochMilli());
        statement.setLong(5, entry.expiresAt().orElseThrow().toEpochMilli());
        return statement;
    }

    private CacheEntry next() {
        cursor = (cursor + 7919) % KEYS;
        return entries[cursor];
    }

    @Benchmark
    public void durablePut() throws SQLException {
        CacheEntry entry = next();
        if (tier != null) {
            tier.put(entry);
        } else {
            bindUpsert(upsert, entry).executeUpdate();
        }
    }

    @Benchmark
    public void pointGet(Blackhole sink) throws SQLException {
        CacheEntry entry = next();
        if (tier != null) {
            sink.consume(tier.get(entry.key(), NOW).orElseThrow());
            return;
        }
        select.setString(1, entry.key().value());
        select.setLong(2, NOW.toEpochMilli());
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("missing " + entry.key());
            }
            sink.consume(rows.getBytes(1));
            sink.consume(rows.getLong(2));
            sink.consume(rows.getLong(3));
        }
    }
}
