package app.ret.adapters.sqlite;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.search.IndexBudget;
import app.ret.domain.search.IndexedCell;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.WriterTurns;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.search.SearchTerm;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.StoreFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Each session's index in a database file of its own, {@code <directory>/<session id>.sqlite}: an
 * FTS5 table of the rows' words (contentless: the words are indexed, not stored twice) beside a
 * plain table of the rows' cells. A file per session keeps big indexing transactions off the main
 * database's single writer, and ending a session deletes the file: no table, row or page of it is
 * left, not even in a free list. Connections are opened per operation; WAL lets searches run while
 * a conversion indexes.
 */
public final class SqliteSearchIndex implements SearchIndex {
    private static final Pattern INDEX_FILE = Pattern.compile("([0-9a-f]{32})\\.sqlite(-wal|-shm|-journal)?");
    private static final String SUFFIX = ".sqlite";
    private static final List<String> COMPANIONS = List.of("", "-wal", "-shm", "-journal");
    /** How often (in rows) a writer measures the database against its budget. */
    private static final int BUDGET_CHECK_ROWS = 500;
    /**
     * How much of a build FTS5 keeps in memory before it writes a segment (its default is 1 MB): fewer,
     * bigger segments mean less merging while a file is indexed, and fewer segments for a search to read.
     */
    private static final int PENDING_TERMS_BYTES = 32 * 1024 * 1024;
    /** The writer's page cache (negative: KiB), so that the rows' B-trees and FTS5's segments are not re-read while built. */
    private static final int WRITER_CACHE_KIB = 64 * 1024;
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS search_rows (id INTEGER PRIMARY KEY, path TEXT NOT NULL, row_number INTEGER NOT NULL,"
                    + " cells TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS search_rows_by_path ON search_rows(path)",
            // The words come cut and lower-cased by SearchText, joined by single spaces: FTS5's plain ASCII
            // tokenizer splits them at those spaces and keeps every other character (8-10 % less CPU per
            // build than unicode61, which looks up each character's class and folds its case again).
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(words, content='', contentless_delete=1,"
                    + " tokenize='ascii')");

    /**
     * Writers of one session take turns (a second would wait on the file's lock, and time out behind a big file),
     * and a removal waits for the writer's commit, so that it removes the rows just committed too.
     */
    private final WriterTurns writerTurns = new WriterTurns();
    private final Path directory;

    public SqliteSearchIndex(Path directory) {
        this.directory = directory;
        try {
            SqliteDatabase.createPrivateDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search index directory", e);
        }
    }

    @Override
    public String resourceName() {
        return "search index";
    }

    @Override
    public Writer replace(SessionId session, String path, long budgetBytes) {
        ReentrantLock turn = writerTurns.of(session);
        turn.lock();
        try {
            return new FileWriter(connect(session, true), path, budgetBytes, turn);
        } catch (SQLException | RuntimeException e) {
            turn.unlock();
            throw e instanceof SQLException sql ? new StoreFailureException("cannot open the search index", sql) : (RuntimeException) e;
        }
    }

    @Override
    public List<IndexedRow> search(SessionId session, SearchQuery query, int limit) {
        if (!Files.exists(file(session))) {
            return List.of();
        }
        try (Connection connection = connect(session, false);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT r.path, r.row_number, r.cells FROM (SELECT rowid, rank FROM search_words WHERE search_words MATCH ?"
                             + " ORDER BY rank LIMIT ?) m JOIN search_rows r ON r.id = m.rowid ORDER BY m.rank, r.id")) {
            statement.setString(1, match(query));
            statement.setInt(2, limit);
            List<IndexedRow> rows = new ArrayList<>();
            try (ResultSet found = statement.executeQuery()) {
                while (found.next()) {
                    rows.add(new IndexedRow(found.getString(1), found.getLong(2), CellCodec.decode(found.getString(3))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreFailureException("searching the index failed", e);
        }
    }

    /** FTS5's query language for the terms: each a quoted phrase of its words (a star after it for a prefix), all required. */
    static String match(SearchQuery query) {
        return query.terms().stream().map(SqliteSearchIndex::phrase).collect(Collectors.joining(" "));
    }

    private static String phrase(SearchTerm term) {
        // Words are letters and digits only, so they need no escaping inside the quotes.
        return "\"" + String.join(" ", term.words()) + "\"" + (term.prefix() ? "*" : "");
    }

    @Override
    public long bytes(SessionId session) {
        long bytes = 0;
        for (Path file : files(session)) {
            try {
                bytes += Files.size(file);
            } catch (IOException gone) {
                // Deleted while counted: it takes nothing any more.
            }
        }
        return bytes;
    }

    @Override
    public boolean remove(SessionId session, String path) {
        if (!Files.exists(file(session))) {
            return false;
        }
        ReentrantLock turn = writerTurns.of(session);
        turn.lock();
        try (Connection connection = connect(session, false)) {
            connection.setAutoCommit(false);
            int removed = deleteFile(connection, path);
            connection.commit();
            return removed > 0;
        } catch (SQLException e) {
            throw new StoreFailureException("removing rows from the index failed", e);
        } finally {
            turn.unlock();
        }
    }

    private static int deleteFile(Connection connection, String path) throws SQLException {
        try (PreparedStatement words = connection.prepareStatement(
                "DELETE FROM search_words WHERE rowid IN (SELECT id FROM search_rows WHERE path = ?)");
             PreparedStatement rows = connection.prepareStatement("DELETE FROM search_rows WHERE path = ?")) {
            words.setString(1, path);
            words.executeUpdate();
            rows.setString(1, path);
            return rows.executeUpdate();
        }
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        long rows = 0;
        if (Files.exists(file(sessionId))) {
            try (Connection connection = connect(sessionId, false); Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM search_rows")) {
                rows = count.next() ? count.getLong(1) : 0;
            } catch (SQLException unreadable) {
                // A damaged index is deleted all the same; its rows cannot be counted.
            }
        }
        for (Path file : files(sessionId)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the search index of a session", e);
            }
        }
        return CleanupReport.of(RemovedResource.INDEX_ROWS, rows);
    }

    @Override
    public CleanupReport purgeOrphans(Predicate<SessionId> isLive) {
        CleanupReport removed = CleanupReport.empty();
        List<SessionId> owners;
        try (Stream<Path> listing = Files.list(directory)) {
            owners = listing.map(file -> INDEX_FILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(matched -> new SessionId(matched.group(1))).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the search indexes", e);
        }
        for (SessionId owner : owners) {
            if (!isLive.test(owner)) {
                removed = removed.plus(purge(owner));
            }
        }
        return removed;
    }

    private Path file(SessionId session) {
        return directory.resolve(session.value() + SUFFIX);
    }

    private List<Path> files(SessionId session) {
        return COMPANIONS.stream().map(companion -> directory.resolve(session.value() + SUFFIX + companion))
                .filter(Files::exists).toList();
    }

    private Connection connect(SessionId session, boolean create) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // Derived data: a crash loses at most what the conversion job, run again, indexes again.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SqliteDatabase.BUSY_TIMEOUT_MS);
        // Ids are chosen here: without this the driver runs a query for the last rowid after every insert.
        config.setGetGeneratedKeys(false);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.READWRITE);
        if (create) {
            // The rows of a user's files: the owner's only, like the session database.
            try {
                SqliteDatabase.createPrivately(file(session));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the search index file", e);
            }
            config.setOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
            // Only a writer creates: the index is derived and rebuildable (ADR 0013), so a build does not
            // wait for the disk; WAL stays, for the searches running meanwhile and the budget's rollback.
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            config.setCacheSize(-WRITER_CACHE_KIB);
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        }
        Connection connection = config.createConnection("jdbc:sqlite:" + file(session).toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** One file's rows in one transaction, measured against the budget as they go. */
    private static final class FileWriter implements Writer {
        private final Connection connection;
        private final ReentrantLock turn;
        private final IndexBudget budget;
        private final PreparedStatement rows;
        private final PreparedStatement words;
        private final String path;
        private long nextId;
        private boolean open = true;

        FileWriter(Connection connection, String path, long budgetBytes, ReentrantLock turn) throws SQLException {
            this.connection = connection;
            this.turn = turn;
            this.budget = new IndexBudget(budgetBytes, BUDGET_CHECK_ROWS);
            try {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO search_words (search_words, rank) VALUES ('hashsize', " + PENDING_TERMS_BYTES + ")");
                }
                deleteFile(connection, path);
                try (Statement statement = connection.createStatement();
                     ResultSet max = statement.executeQuery("SELECT coalesce(max(id), 0) FROM search_rows")) {
                    nextId = max.next() ? max.getLong(1) + 1 : 1;
                }
                this.rows = connection.prepareStatement("INSERT INTO search_rows (id, path, row_number, cells) VALUES (?, ?, ?, ?)");
                this.words = connection.prepareStatement("INSERT INTO search_words (rowid, words) VALUES (?, ?)");
                this.path = path;
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public boolean add(IndexedRow row) {
            if (budget.spent()) {
                return false;
            }
            try {
                rows.setLong(1, nextId);
                // A batch clears its parameters when run, so each row binds every one.
                rows.setString(2, path);
                rows.setLong(3, row.row());
                rows.setString(4, CellCodec.encode(row.cells()));
                rows.addBatch();
                words.setLong(1, nextId);
                words.setString(2, row.indexedText());
                words.addBatch();
                nextId++;
                if (budget.rowAdded()) {
                    measure();
                }
                return !budget.spent();
            } catch (SQLException e) {
                throw new StoreFailureException("indexing a row failed", e);
            }
        }

        /** Runs the batched rows: one call into SQLite per statement and batch rather than per row. */
        private void flush() throws SQLException {
            rows.executeBatch();
            words.executeBatch();
        }

        /** Runs the batched rows and measures the file; over the budget, the file's rows are rolled back. */
        private void measure() throws SQLException {
            flush();
            try (Statement statement = connection.createStatement();
                 ResultSet pages = statement.executeQuery("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
                if (budget.spentAt(pages.next() ? pages.getLong(1) : 0)) {
                    connection.rollback();
                }
            }
        }

        @Override
        public boolean commit() {
            try {
                boolean committed = budget.commitWithin(this::measure, connection::commit);
                open = open && !committed;
                return committed;
            } catch (SQLException e) {
                throw new StoreFailureException("committing the index failed", e);
            }
        }

        @Override
        public void close() {
            try {
                if (open) {
                    connection.rollback();
                }
                rows.close();
                words.close();
                connection.close();
            } catch (SQLException e) {
                throw new StoreFailureException("closing the index failed", e);
            } finally {
                turn.unlock();
            }
        }
    }

    /** A row's cells in one text column: for each, the column's length, {@code :}, the column, the value's length, {@code :}, the value. */
    static final class CellCodec {
        private CellCodec() {}

        static String encode(List<IndexedCell> cells) {
            StringBuilder encoded = new StringBuilder();
            for (IndexedCell cell : cells) {
                encoded.append(cell.column().length()).append(':').append(cell.column())
                        .append(cell.value().length()).append(':').append(cell.value());
            }
            return encoded.toString();
        }

        static List<IndexedCell> decode(String encoded) {
            List<IndexedCell> cells = new ArrayList<>();
            int[] at = {0};
            while (at[0] < encoded.length()) {
                String column = next(encoded, at);
                cells.add(new IndexedCell(column, next(encoded, at)));
            }
            return cells;
        }

        private static String next(String encoded, int[] at) {
            int colon = encoded.indexOf(':', at[0]);
            int length = Integer.parseInt(encoded, at[0], colon, 10);
            at[0] = colon + 1 + length;
            return encoded.substring(colon + 1, at[0]);
        }
    }
}
