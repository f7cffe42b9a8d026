package app.ret.adapters.sqlite;

import app.ret.ports.out.HealthCheck;
import app.ret.ports.out.InsufficientStorageException;
import app.ret.ports.out.StoreFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one database file. All writes go through a single writer connection, one at a time, in
 * {@code BEGIN IMMEDIATE} transactions, so no write can fail with SQLITE_BUSY on a read-to-write
 * upgrade; reads use a small pool of connections that WAL lets run beside the writer.
 */
public final class SqliteDatabase implements AutoCloseable, HealthCheck {
    private static final System.Logger LOG = System.getLogger(SqliteDatabase.class.getName());
    static final int BUSY_TIMEOUT_MS = 5000;
    static final Duration WRITE_LOCK_WAIT = Duration.ofSeconds(30);
    private static final int READERS = 4;
    private static final Map<String, String> EXPECTED_PRAGMAS = Map.of(
            "journal_mode", "wal",
            "synchronous", "2",
            "foreign_keys", "1",
            "busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));

    private final Path file;
    private final SqlSession writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Guarded by {@link #writeLock}: a transaction is open on the writer, and a write joined to it failed. */
    private boolean transactionOpen;
    private boolean joinedWriteFailed;
    private final BlockingQueue<SqlSession> readers = new ArrayBlockingQueue<>(READERS);
    private volatile boolean closed;
    /** Why the last write failed; empty once a write succeeds again. */
    private volatile Optional<String> lastWriteError = Optional.empty();
    /** What the last periodic {@code PRAGMA quick_check} found wrong; empty when it found nothing (or has not run). */
    private volatile Optional<String> integrityProblem = Optional.empty();

    private SqliteDatabase(Path file, SqlSession writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Opens (creating if needed) the database, applies pending migrations and checks the pragmas. */
    public static SqliteDatabase open(Path file, Clock clock) {
        try {
            createPrivately(file);
            SqliteDatabase database = new SqliteDatabase(file, connect(file));
            database.verifyPragmas(database.writer);
            new SchemaMigrator(clock).migrate(database);
            for (int i = 0; i < READERS; i++) {
                SqlSession reader = connect(file);
                database.verifyPragmas(reader);
                database.readers.add(reader);
            }
            return database;
        } catch (SQLException e) {
            throw new StoreFailureException("cannot open the database", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory", e);
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /**
     * The file holds password hashes and session state: its folder (when made here) is the owner's
     * only, and so is the file, created before SQLite opens it — SQLite gives its {@code -wal} and
     * {@code -shm} files the database file's permissions. A file an older version made readable
     * to others is tightened, with its {@code -wal} and {@code -shm}.
     */
    /** A folder only the owner may enter (where the filesystem has POSIX modes), made with its parents when missing. */
    static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    static void createPrivately(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (!absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return;
        }
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        if (!Files.exists(absolute)) {
            try {
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process made it in between; tightened below
            }
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path companion = absolute.resolveSibling(absolute.getFileName() + suffix);
            if (Files.exists(companion) && !Files.getPosixFilePermissions(companion).equals(OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(companion, OWNER_ONLY_FILE);
            }
        }
    }

    private static SqlSession connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        return new SqlSession(connection);
    }

    private void verifyPragmas(SqlSession session) throws SQLException {
        for (Map.Entry<String, String> expected : EXPECTED_PRAGMAS.entrySet()) {
            String actual = session.queryString("PRAGMA " + expected.getKey());
            if (!expected.getValue().equalsIgnoreCase(actual)) {
                throw new StoreFailureException("PRAGMA " + expected.getKey() + " is " + actual
                        + " but must be " + expected.getValue(), null);
            }
        }
    }

    /**
     * Runs {@code work} in one write transaction; it commits when work returns, rolls back when it
     * throws. A write made inside another one's work (on the same thread) joins that transaction:
     * it commits with it, and if it fails, the whole transaction is rolled back when the outer work
     * returns, even if that work carried on.
     */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            if (transactionOpen) {
                return joined(work);
            }
            beginImmediate();
            transactionOpen = true;
            joinedWriteFailed = false;
            try {
                long changesBefore = writer.totalChanges();
                T result = work.apply(writer);
                if (joinedWriteFailed) {
                    throw new StoreFailureException("a write joined to this transaction failed; nothing of it was kept", null);
                }
                writer.execute("COMMIT");
                if (writer.totalChanges() != changesBefore) {
                    // Only a write that stored something shows the disk takes writes again; an empty poll does not.
                    lastWriteError = Optional.empty();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                transactionOpen = false;
            }
        } catch (SQLException e) {
            writer.discardStatements();
            throw recordedFailure(e);
        } finally {
            writeLock.unlock();
        }
    }

    private StoreFailureException recordedFailure(SQLException e) {
        StoreFailureException failure = writeFailure(e);
        lastWriteError = Optional.of(failure instanceof InsufficientStorageException
                ? "last write failed: disk full" : "last write failed");
        return failure;
    }

    /** Whether this thread is inside a write's work, where a further write joins that transaction. */
    boolean inTransactionOnThisThread() {
        return writeLock.isHeldByCurrentThread() && transactionOpen;
    }

    /** Called holding the write lock, inside the open transaction. */
    private <T> T joined(SqlWork<T> work) {
        try {
            return work.apply(writer);
        } catch (SQLException e) {
            joinedWriteFailed = true;
            throw recordedFailure(e);
        } catch (RuntimeException e) {
            joinedWriteFailed = true;
            throw e;
        }
    }

    /** A failed write as callers see it: a full disk ({@code SQLITE_FULL}) is not an internal failure. */
    static StoreFailureException writeFailure(SQLException e) {
        if (e instanceof SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
            return new InsufficientStorageException("the database's disk is full", e);
        }
        return new StoreFailureException("database write failed", e);
    }

    /**
     * Takes the file's write lock. Within this process the write lock above already serialises
     * writers; another process (a command-line tool, a backup) can still hold the file's lock, and
     * under sustained writes SQLite's busy handler, which polls, can miss every moment it is free
     * for its whole {@code busy_timeout} (R3 measured it). Nothing has happened in the transaction
     * yet, so trying again is safe; it gives up after {@link #WRITE_LOCK_WAIT}.
     */
    private void beginImmediate() throws SQLException {
        long deadline = System.nanoTime() + WRITE_LOCK_WAIT.toNanos();
        while (true) {
            try {
                writer.execute("BEGIN IMMEDIATE");
                return;
            } catch (SQLiteException e) {
                if (e.getResultCode().code != SQLiteErrorCode.SQLITE_BUSY.code || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "the database file was locked by another connection for {0} ms; still waiting",
                        BUSY_TIMEOUT_MS);
            }
        }
    }

    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        SqlSession reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailureException("interrupted while waiting for a database connection", e);
        }
        try {
            return work.apply(reader);
        } catch (SQLException e) {
            throw new StoreFailureException("database read failed", e);
        } finally {
            readers.add(reader);
        }
    }

    private void rollbackQuietly() {
        try {
            writer.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "rollback failed", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreFailureException("the database is closed", null);
        }
    }

    /** SQLite reports {@code PRAGMA synchronous} as a number; people read its name. */
    private static final Map<String, String> SYNCHRONOUS_LEVELS = Map.of("0", "OFF", "1", "NORMAL", "2", "FULL", "3", "EXTRA");

    /** The pragmas in force on the writer connection (by name), and the schema version, for `validate`. */
    public Map<String, String> settings() {
        writeLock.lock();
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String pragma : List.of("journal_mode", "synchronous", "foreign_keys", "busy_timeout")) {
                settings.put(pragma, writer.queryString("PRAGMA " + pragma));
            }
            settings.computeIfPresent("synchronous", (pragma, level) -> SYNCHRONOUS_LEVELS.getOrDefault(level, level));
            settings.put("schema_version", writer.queryString("SELECT MAX(version) FROM schema_version"));
            settings.put("integrity_check", writer.queryString("PRAGMA quick_check"));
            return settings;
        } catch (SQLException e) {
            throw new StoreFailureException("cannot read database settings", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String name() {
        return "database";
    }

    /** Answers at once; the page-by-page check is {@link #runPeriodicCheck()}'s, and its finding is reported here. */
    @Override
    public Optional<String> problem() {
        try {
            String answer = read(sql -> sql.queryString("SELECT 1"));
            if (!"1".equals(answer)) {
                return Optional.of("database did not answer");
            }
        } catch (RuntimeException e) {
            return Optional.of("database unavailable");
        }
        return integrityProblem.or(() -> lastWriteError);
    }

    /** {@code PRAGMA quick_check} on a reader: every page and index entry, without blocking the writer. */
    @Override
    public void runPeriodicCheck() {
        Optional<String> found;
        try {
            String verdict = read(sql -> sql.queryString("PRAGMA quick_check"));
            found = "ok".equals(verdict) ? Optional.empty() : Optional.of("integrity check failed: the database is damaged");
            if (found.isPresent()) {
                LOG.log(System.Logger.Level.ERROR, "PRAGMA quick_check on {0}: {1}", file, verdict);
            }
        } catch (StoreFailureException e) {
            LOG.log(System.Logger.Level.ERROR, "PRAGMA quick_check on " + file + " failed", e);
            found = Optional.of("integrity check failed: the database is damaged");
        }
        integrityProblem = found;
    }

    public Path file() {
        return file;
    }

    /**
     * Writes a consistent copy of the database to {@code target} while it keeps serving: one
     * {@code VACUUM INTO} on a reader connection, which sees a single snapshot and blocks no
     * writer. The copy is then checked with {@code PRAGMA integrity_check} on a read-only connection.
     * The target must not exist yet.
     */
    public Backup backupTo(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException("the backup target already exists: " + target);
        }
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup directory", e);
        }
        read(sql -> {
            var statement = sql.prepare("VACUUM INTO ?");
            statement.setString(1, absolute.toString());
            statement.execute();
            return null;
        });
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection copy = readOnly.createConnection("jdbc:sqlite:" + absolute);
             var statement = copy.createStatement();
             var rows = statement.executeQuery("PRAGMA integrity_check")) {
            String integrity = rows.next() ? rows.getString(1) : "no answer";
            return new Backup(absolute, Files.size(absolute), integrity);
        } catch (SQLException e) {
            throw new StoreFailureException("cannot check the backup", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup's size", e);
        }
    }

    /** A finished backup: where, how big, and what {@code PRAGMA integrity_check} said of it ("ok"). */
    public record Backup(Path file, long bytes, String integrity) {}

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(writer);
            SqlSession reader;
            while ((reader = readers.poll()) != null) {
                closeQuietly(reader);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(SqlSession session) {
        try {
            session.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a database connection failed", e);
        }
    }
}
