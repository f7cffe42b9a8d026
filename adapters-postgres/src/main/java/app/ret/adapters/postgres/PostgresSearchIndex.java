package app.ret.adapters.postgres;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.search.IndexBudget;
import app.ret.domain.search.IndexedCell;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.search.SearchTerm;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.StoreFailureException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Each session's index in a table of its own, {@code search_<session id>}: the rows' cells and a
 * {@code tsvector} of their words under a GIN index, ranked with {@code ts_rank}. The vectors and
 * queries are written as literals from the words {@link IndexedRow#indexedText()} already cut, so
 * PostgreSQL's parser (which depends on the database's locale) never re-cuts them and every
 * instance finds what SQLite and the memory index find. Ending a session drops its table, so its
 * rows leave no dead tuples behind and its files go at once. Writers of one session take turns
 * through an advisory lock, across instances too.
 */
public final class PostgresSearchIndex implements SearchIndex {
    private static final Pattern TABLE = Pattern.compile("search_([0-9a-f]{32})");
    /** PostgreSQL keeps at most 256 positions per word and none past 16,383. */
    private static final int MAX_POSITIONS = 256;
    private static final int MAX_POSITION = 16_383;
    private static final int BATCH_ROWS = 500;
    private static final int BUDGET_CHECK_ROWS = 5_000;
    private static final String UNDEFINED_TABLE = "42P01";

    private final PostgresDatabase database;

    public PostgresSearchIndex(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public String resourceName() {
        return "search index";
    }

    static String table(SessionId session) {
        return "search_" + session.value();
    }

    @Override
    public Writer replace(SessionId session, String path, long budgetBytes) {
        Connection connection = database.borrow();
        try {
            return new TableWriter(connection, session, path, budgetBytes);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw PostgresDatabase.failure(e);
        }
    }

    @Override
    public List<IndexedRow> search(SessionId session, SearchQuery query, int limit) {
        return database.autocommit(connection -> {
            String sql = "SELECT path, row_number, columns, cells FROM " + table(session) + ", CAST(? AS tsquery) q"
                    + " WHERE document @@ q ORDER BY ts_rank(document, q) DESC, id LIMIT ?";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, tsquery(query));
                statement.setInt(2, limit);
                List<IndexedRow> rows = new ArrayList<>();
                try (ResultSet found = statement.executeQuery()) {
                    while (found.next()) {
                        rows.add(new IndexedRow(found.getString(1), found.getLong(2),
                                cells(strings(found.getArray(3)), strings(found.getArray(4)))));
                    }
                }
                return rows;
            } catch (SQLException e) {
                if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                    return List.of();
                }
                throw e;
            }
        });
    }

    /** The query as a {@code tsquery} literal: each term its words joined by {@code <->} (the last with {@code :*} for a prefix), all joined by {@code &}. */
    static String tsquery(SearchQuery query) {
        return query.terms().stream().map(PostgresSearchIndex::phrase).collect(Collectors.joining(" & "));
    }

    private static String phrase(SearchTerm term) {
        // Words are letters and digits only: quoted, they need no escaping.
        List<String> words = term.words();
        StringBuilder phrase = new StringBuilder("(");
        for (int i = 0; i < words.size(); i++) {
            phrase.append(i == 0 ? "" : " <-> ").append('\'').append(words.get(i)).append('\'');
        }
        return phrase.append(term.prefix() ? ":*" : "").append(')').toString();
    }

    /** The row's words as a {@code tsvector} literal: each distinct word with the positions where it stands. */
    static String tsvector(String indexedText) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        int position = 0;
        for (String word : indexedText.isEmpty() ? new String[0] : indexedText.split(" ")) {
            position = Math.min(position + 1, MAX_POSITION);
            List<Integer> at = positions.computeIfAbsent(word, unused -> new ArrayList<>());
            if (at.size() < MAX_POSITIONS && (at.isEmpty() || at.get(at.size() - 1) != position)) {
                at.add(position);
            }
        }
        return positions.entrySet().stream()
                .map(word -> "'" + word.getKey() + "':" + word.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .collect(Collectors.joining(" "));
    }

    @Override
    public long bytes(SessionId session) {
        return database.autocommit(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT coalesce(pg_total_relation_size(to_regclass(?)), 0)")) {
                statement.setString(1, table(session));
                try (ResultSet size = statement.executeQuery()) {
                    return size.next() ? size.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public boolean remove(SessionId session, String path) {
        // Behind the session's writer (its lock is held until it commits), so the rows it commits are removed too.
        return database.transaction(connection -> {
            lockSession(connection, session);
            if (!exists(connection, session)) {
                return false;
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table(session) + " WHERE path = ?")) {
                statement.setString(1, path);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        long rows = database.transaction(connection -> {
            lockSession(connection, sessionId);
            long count;
            try (Statement statement = connection.createStatement()) {
                if (!exists(connection, sessionId)) {
                    return 0L;
                }
                try (ResultSet counted = statement.executeQuery("SELECT count(*) FROM " + table(sessionId))) {
                    count = counted.next() ? counted.getLong(1) : 0;
                }
                statement.execute("DROP TABLE " + table(sessionId));
            }
            return count;
        });
        return CleanupReport.of(RemovedResource.INDEX_ROWS, rows);
    }

    @Override
    public CleanupReport purgeOrphans(Predicate<SessionId> isLive) {
        List<SessionId> owners = database.autocommit(connection -> {
            List<SessionId> found = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                         + " AND tablename LIKE 'search\\_%'")) {
                while (tables.next()) {
                    Matcher matched = TABLE.matcher(tables.getString(1));
                    if (matched.matches()) {
                        found.add(new SessionId(matched.group(1)));
                    }
                }
            }
            return found;
        });
        CleanupReport removed = CleanupReport.empty();
        for (SessionId owner : owners) {
            if (!isLive.test(owner)) {
                removed = removed.plus(purge(owner));
            }
        }
        return removed;
    }

    private static boolean exists(Connection connection, SessionId session) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table(session));
            try (ResultSet found = statement.executeQuery()) {
                return found.next() && found.getBoolean(1);
            }
        }
    }

    private static void lockSession(Connection connection, SessionId session) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            statement.setString(1, table(session));
            statement.execute();
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static List<IndexedCell> cells(List<String> columns, List<String> values) {
        List<IndexedCell> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            cells.add(new IndexedCell(columns.get(i), values.get(i)));
        }
        return cells;
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** One file's rows in one transaction on a connection of its own, measured against the budget as they go. */
    private static final class TableWriter implements Writer {
        private final Connection connection;
        private final String table;
        private final IndexBudget budget;
        private final PreparedStatement insert;
        private int batched;
        private boolean open = true;

        TableWriter(Connection connection, SessionId session, String path, long budgetBytes) throws SQLException {
            this.connection = connection;
            this.table = table(session);
            this.budget = new IndexBudget(budgetBytes, BUDGET_CHECK_ROWS);
            connection.setAutoCommit(false);
            lockSession(connection, session);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (id bigserial PRIMARY KEY, path text NOT NULL,"
                        + " row_number bigint NOT NULL, columns text[] NOT NULL, cells text[] NOT NULL, document tsvector NOT NULL)");
                statement.execute("CREATE INDEX IF NOT EXISTS " + table + "_words ON " + table + " USING gin (document)");
                statement.execute("CREATE INDEX IF NOT EXISTS " + table + "_paths ON " + table + " (path)");
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE path = ?")) {
                delete.setString(1, path);
                delete.executeUpdate();
            }
            insert = connection.prepareStatement("INSERT INTO " + table + " (path, row_number, columns, cells, document)"
                    + " VALUES (?, ?, ?, ?, CAST(? AS tsvector))");
            insert.setString(1, path);
        }

        @Override
        public boolean add(IndexedRow row) {
            if (budget.spent()) {
                return false;
            }
            try {
                insert.setLong(2, row.row());
                insert.setArray(3, connection.createArrayOf("text", row.cells().stream().map(IndexedCell::column).toArray()));
                insert.setArray(4, connection.createArrayOf("text", row.values().toArray()));
                insert.setString(5, tsvector(row.indexedText()));
                insert.addBatch();
                if (++batched == BATCH_ROWS) {
                    flush();
                }
                if (budget.rowAdded()) {
                    measure();
                }
                return !budget.spent();
            } catch (SQLException e) {
                throw PostgresDatabase.failure(e);
            }
        }

        private void flush() throws SQLException {
            if (batched > 0) {
                insert.executeBatch();
                batched = 0;
            }
        }

        /** Runs the batched rows and measures the table; over the budget, the file's rows are rolled back. */
        private void measure() throws SQLException {
            flush();
            try (Statement statement = connection.createStatement();
                 ResultSet size = statement.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
                if (budget.spentAt(size.next() ? size.getLong(1) : 0)) {
                    insert.clearBatch();
                    connection.rollback();
                    open = false;
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
                throw PostgresDatabase.failure(e);
            }
        }

        @Override
        public void close() {
            try {
                if (open) {
                    connection.rollback();
                }
                insert.close();
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException e) {
                throw PostgresDatabase.failure(e);
            }
        }
    }
}
