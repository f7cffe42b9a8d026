package app.ret.ports.out;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.session.SessionId;
import java.util.List;
import java.util.function.Predicate;

/**
 * Each session's own full-text index of the rows its conversions wrote, searched by words,
 * phrases and prefixes ({@link SearchQuery}), best matches first. Rows are indexed by their
 * {@link IndexedRow#indexedText() words}, so that every index finds the same rows. What a session
 * indexed counts in its quota ({@link #bytes}) and goes with it ({@link #purge}, reporting
 * {@link app.ret.domain.cleanup.RemovedResource#INDEX_ROWS}): no table, row or file of it remains.
 */
public interface SearchIndex extends SessionResourceCleaner {
    /**
     * Starts replacing the rows held for {@code path} in the session's index. Nothing is visible
     * until {@link Writer#commit}; the writer refuses rows once the session's index would take more
     * than {@code budgetBytes}.
     */
    Writer replace(SessionId session, String path, long budgetBytes);

    /** The rows matching {@code query}, best first, at most {@code limit}; none for a session without an index. */
    List<IndexedRow> search(SessionId session, SearchQuery query, int limit);

    /** What the session's index takes, in bytes (0 without one). */
    long bytes(SessionId session);

    /** Removes the rows held for {@code path}; false when there were none. */
    boolean remove(SessionId session, String path);

    /** Removes the indexes of every session that {@code isLive} denies (left by a crash, or by a job that outlived its session). */
    CleanupReport purgeOrphans(Predicate<SessionId> isLive);

    /** The rows of one file, written as a whole or not at all. */
    interface Writer extends AutoCloseable {
        /** Adds a row; false (and nothing more is kept) once the budget is spent. */
        boolean add(IndexedRow row);

        /** Makes the file's new rows visible in place of its old ones; false when the budget was spent, and then nothing changed. */
        boolean commit();

        /** Discards what was not committed. */
        @Override
        void close();
    }
}
