package app.ret.benchmarks;

import app.ret.adapters.sqlite.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The big databases P14 measures, built quickly and kept between runs under the cache directory
 * ({@code benchmarks/target/p14} by default). Each is created by the real migrator, then filled by
 * raw sqlite-jdbc in one transaction with keys in index order, without a journal and with
 * {@code synchronous=OFF} (for the build only: a build a crash interrupted has no mark and is built
 * again), switched back to WAL, and marked done by a file beside it. The adapter that opens one
 * later runs any newer migration on it, as it would on an operator's database.
 */
final class P14Databases {
    /** Entries per session: the keys of one session are one range of the primary key, as in RET. */
    private static final int ENTRIES_PER_SESSION = 100;
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final String SESSION = "0123456789abcdef0123456789abcdef";

    private final Path directory;

    P14Databases(Path directory) {
        this.directory = directory;
    }

    /** The key of entry {@code i}: sessions of 100 entries each, zero-padded so that index order is numeric order. */
    static String cacheKey(long i) {
        return String.format(Locale.ROOT, "session:%032x:state:k%03d", i / ENTRIES_PER_SESSION, i % ENTRIES_PER_SESSION);
    }

    static byte[] value(int bytes) {
        return P10RedisComparison.jsonOf(bytes);
    }

    /** A cache of {@code entries} live entries of {@code valueBytes} each. */
    Path cache(long entries, int valueBytes) {
        return build("cache-" + entries + "-" + valueBytes + ".db", connection -> insertEntries(connection, 0, entries, valueBytes, FAR_FUTURE));
    }

    /** {@code expired} entries that expired an hour before the build, then {@code live} live ones after them. */
    Path expiredCache(long expired, long live, int valueBytes) {
        return build("sweep-" + expired + "-" + live + ".db", connection -> {
            insertEntries(connection, 0, expired, valueBytes, Instant.now().minus(Duration.ofHours(1)));
            insertEntries(connection, expired, live, valueBytes, FAR_FUTURE);
        });
    }

    /** One active session owning {@code finished} succeeded jobs (and no queued or running one). */
    Path finishedJobs(long finished) {
        return build("jobs-" + finished + ".db", connection -> {
            long now = Instant.now().toEpochMilli();
            try (PreparedStatement session = connection.prepareStatement("INSERT INTO sessions(id, username, role, created_at,"
                    + " last_seen_at, idle_timeout_ms, absolute_timeout_ms, status, end_reason) VALUES (?, 'bench', 'user', ?, ?, ?, ?, 'ACTIVE', NULL)")) {
                session.setString(1, SESSION);
                session.setLong(2, now);
                session.setLong(3, now);
                session.setLong(4, Duration.ofDays(3650).toMillis());
                session.setLong(5, Duration.ofDays(3650).toMillis());
                session.executeUpdate();
            }
            try (PreparedStatement job = connection.prepareStatement("INSERT INTO jobs(id, session_id, type, parameters, max_attempts,"
                    + " created_at, status, attempts, progress_done, progress_total, not_before, started_at, lease_until,"
                    + " cancel_requested, finished_at, error_code, error_message, has_result)"
                    + " VALUES (?, ?, 'test', '', 3, ?, 'SUCCEEDED', 1, 1, 1, ?, ?, NULL, 0, ?, NULL, NULL, 0)")) {
                for (long i = 0; i < finished; i++) {
                    job.setString(1, String.format(Locale.ROOT, "%032x", i));
                    job.setString(2, SESSION);
                    long at = now - finished + i;
                    job.setLong(3, at);
                    job.setLong(4, at);
                    job.setLong(5, at);
                    job.setLong(6, at);
                    job.executeUpdate();
                }
            }
        });
    }

    /** The session every job of {@link #finishedJobs} belongs to. */
    static String jobsSession() {
        return SESSION;
    }

    /** A runtime root whose database holds about {@code bytes} of cache entries of 1 KB. */
    Path runtimeRootWithDatabase(String name, long bytes) {
        Path root = directory.resolve(name);
        int valueBytes = 1024;
        long entries = bytes / (valueBytes + 100);
        build(name + "/ret_session.db", connection -> insertEntries(connection, 0, entries, valueBytes, FAR_FUTURE));
        return root;
    }

    private interface Filler {
        void fill(Connection connection) throws SQLException;
    }

    private Path build(String name, Filler filler) {
        Path file = directory.resolve(name);
        Path done = directory.resolve(name + ".built");
        if (Files.exists(done) && Files.exists(file)) {
            return file;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(file.getParent());
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            SqliteDatabase.open(file, Clock.systemUTC()).close();
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                // No journal while building: in WAL mode the one big transaction went through a
                // WAL as large as the database and was then copied again by the checkpoint.
                try (Statement pragmas = connection.createStatement()) {
                    pragmas.execute("PRAGMA journal_mode=OFF");
                    pragmas.execute("PRAGMA synchronous=OFF");
                    pragmas.execute("PRAGMA cache_size=-262144");
                }
                connection.setAutoCommit(false);
                filler.fill(connection);
                connection.commit();
                connection.setAutoCommit(true);
                try (Statement wal = connection.createStatement()) {
                    wal.execute("PRAGMA journal_mode=WAL");
                }
            }
            Files.writeString(done, Instant.now() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build " + file, e);
        }
        System.out.printf(Locale.ROOT, "built %s (%.0f MB) in %.1f s%n", file, sizeOf(file) / 1e6, (System.nanoTime() - started) / 1e9);
        return file;
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void insertEntries(Connection connection, long first, long count, int valueBytes, Instant expiresAt)
            throws SQLException {
        byte[] value = value(valueBytes);
        long now = Instant.now().toEpochMilli();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            for (long i = first; i < first + count; i++) {
                insert.setString(1, cacheKey(i));
                insert.setBytes(2, value);
                insert.setInt(3, value.length);
                insert.setLong(4, now);
                insert.setLong(5, expiresAt.toEpochMilli());
                insert.executeUpdate();
            }
        }
    }

    static String describe(long count) {
        if (count >= 1_000_000 && count % 1_000_000 == 0) {
            return count / 1_000_000 + " M";
        }
        if (count >= 1_000 && count % 1_000 == 0) {
            return count / 1_000 + " k";
        }
        return Long.toString(count);
    }
}
