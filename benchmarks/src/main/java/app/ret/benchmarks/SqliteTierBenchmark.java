package app.ret.benchmarks;

import static app.ret.benchmarks.CacheSamples.NOW;

import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.domain.cache.CacheEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
import org.sqlite.SQLiteConfig;

/**
 * P2: the SQLite tier's durable put and point get against the same statements run raw through
 * sqlite-jdbc (one autocommit connection with the same pragmas: WAL, {@code synchronous=FULL},
 * busy timeout, foreign keys). Each contender has its own database file, created by the real
 * migrator, filled with the same 10 000 rows, and checkpointed before the run.
 *
 * <p>The two run at the same time, one thread each (a JMH group): on a shared machine the disk
 * and the CPUs are busy with other work that comes and goes, and running side by side is what
 * makes both see the same conditions. Sample-time mode gives the latency percentiles too.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqliteTierBenchmark {
    static final String PUT = "durablePut";
    static final String GET = "pointGet";
    static final String RET_PUT = "retPut";
    static final String RAW_PUT = "rawPut";
    static final String RET_GET = "retGet";
    static final String RAW_GET = "rawGet";
    private static final String UPSERT = """
            INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, size = excluded.size,
                created_at = excluded.created_at, expires_at = excluded.expires_at""";
    private static final String SELECT =
            "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)";

    private Path directory;
    private CacheEntry[] entries;
    private SqliteDatabase database;
    private SqliteCacheTier tier;
    private Connection raw;
    private PreparedStatement upsert;
    private PreparedStatement select;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        directory = Files.createTempDirectory("ret-p2-");
        entries = CacheSamples.storeEntries();
        Path retFile = filled(directory.resolve("ret.db"));
        Path rawFile = filled(directory.resolve("raw.db"));
        database = SqliteDatabase.open(retFile, Clock.systemUTC());
        tier = new SqliteCacheTier(database);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5000);
        config.enforceForeignKeys(true);
        raw = config.createConnection("jdbc:sqlite:" + rawFile.toAbsolutePath());
        upsert = raw.prepareStatement(UPSERT);
        select = raw.prepareStatement(SELECT);
    }

    /** A database with the schema of the real migrations and every entry, checkpointed (closed). */
    private Path filled(Path file) {
        try (SqliteDatabase filling = SqliteDatabase.open(file, Clock.systemUTC())) {
            filling.write(sql -> {
                for (CacheEntry entry : entries) {
                    bindUpsert(sql.prepare(UPSERT), entry).executeUpdate();
                }
                return null;
            });
        }
        return file;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException, IOException {
        upsert.close();
        select.close();
        raw.close();
        database.close();
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

    @Benchmark
    @Group(PUT)
    @GroupThreads(1)
    public void retPut(CacheSamples.Cursor cursor) {
        tier.put(entries[cursor.next()]);
    }

    @Benchmark
    @Group(PUT)
    @GroupThreads(1)
    public void rawPut(CacheSamples.Cursor cursor) throws SQLException {
        bindUpsert(upsert, entries[cursor.next()]).executeUpdate();
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
