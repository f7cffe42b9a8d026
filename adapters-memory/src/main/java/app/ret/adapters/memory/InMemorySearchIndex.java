package app.ret.adapters.memory;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.search.IndexBudget;
import app.ret.domain.search.IndexedCell;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.search.WriterTurns;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SearchIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Each session's rows in a map of files, searched by scanning them with the query's own matching
 * and scoring: for embedding and tests, where sessions hold few rows. Rows are immutable values,
 * so nothing is shared by reference with callers.
 */
public final class InMemorySearchIndex implements SearchIndex {
    private final ConcurrentMap<SessionId, Map<String, List<IndexedRow>>> sessions = new ConcurrentHashMap<>();
    /** A removal waits for a writer of the session to commit or give up, as in the SQLite and PostgreSQL indexes. */
    private final WriterTurns turns = new WriterTurns();

    @Override
    public String resourceName() {
        return "search index";
    }

    @Override
    public Writer replace(SessionId session, String path, long budgetBytes) {
        ReentrantLock turn = turns.of(session);
        turn.lock();
        return new Writer() {
            private final List<IndexedRow> rows = new ArrayList<>();
            private boolean open = true;
            private final IndexBudget budget = new IndexBudget(budgetBytes, 1);
            private long bytes;

            @Override
            public boolean add(IndexedRow row) {
                if (budget.spent()) {
                    return false;
                }
                rows.add(row);
                bytes += bytes(row);
                if (budget.rowAdded() && budget.spentAt(othersBytes() + bytes)) {
                    rows.clear();
                }
                return !budget.spent();
            }

            private long othersBytes() {
                return filesOf(session).entrySet().stream().filter(file -> !file.getKey().equals(path))
                        .mapToLong(file -> file.getValue().stream().mapToLong(InMemorySearchIndex::bytes).sum()).sum();
            }

            @Override
            public boolean commit() {
                if (budget.spent()) {
                    return false;
                }
                sessions.compute(session, (id, files) -> {
                    Map<String, List<IndexedRow>> next = files == null ? new TreeMap<>() : new TreeMap<>(files);
                    next.put(path, List.copyOf(rows));
                    return next;
                });
                return true;
            }

            @Override
            public void close() {
                rows.clear();
                if (open) {
                    open = false;
                    turn.unlock();
                }
            }
        };
    }

    @Override
    public List<IndexedRow> search(SessionId session, SearchQuery query, int limit) {
        record Scored(IndexedRow row, double score) {}
        return filesOf(session).values().stream().flatMap(List::stream)
                .filter(query::matches)
                .map(row -> new Scored(row, query.score(row)))
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .limit(limit)
                .map(Scored::row)
                .toList();
    }

    @Override
    public long bytes(SessionId session) {
        return filesOf(session).values().stream().flatMap(List::stream).mapToLong(InMemorySearchIndex::bytes).sum();
    }

    @Override
    public boolean remove(SessionId session, String path) {
        boolean[] removed = {false};
        ReentrantLock turn = turns.of(session);
        turn.lock();
        try {
            sessions.computeIfPresent(session, (id, files) -> {
                Map<String, List<IndexedRow>> next = new TreeMap<>(files);
                removed[0] = next.remove(path) != null;
                return next;
            });
        } finally {
            turn.unlock();
        }
        return removed[0];
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        Map<String, List<IndexedRow>> removed = sessions.remove(sessionId);
        long rows = removed == null ? 0 : removed.values().stream().mapToLong(List::size).sum();
        return CleanupReport.of(RemovedResource.INDEX_ROWS, rows);
    }

    @Override
    public CleanupReport purgeOrphans(Predicate<SessionId> isLive) {
        CleanupReport removed = CleanupReport.empty();
        for (SessionId session : List.copyOf(sessions.keySet())) {
            if (!isLive.test(session)) {
                removed = removed.plus(purge(session));
            }
        }
        return removed;
    }

    private Map<String, List<IndexedRow>> filesOf(SessionId session) {
        return sessions.getOrDefault(session, Map.of());
    }

    private static long bytes(IndexedRow row) {
        long bytes = row.path().length() + Long.BYTES;
        for (IndexedCell cell : row.cells()) {
            bytes += cell.column().getBytes(StandardCharsets.UTF_8).length + cell.value().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
