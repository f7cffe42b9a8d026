package app.ret.application.search;

import app.ret.application.files.FilesDependencies;
import app.ret.application.quota.StorageQuota;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * Puts the rows of a CSV a job wrote into its session's search index, under the output's path, in
 * place of what the index held for that path: within what the session's and its user's quotas leave
 * beside everything else they hold, only as a whole, and only while the output still holds those
 * rows. That last check is made with the file's writer open, and writers of a session and removals
 * from its index take turns, so an index never keeps rows of a file deleted or rewritten meanwhile.
 */
public final class RowIndexing {
    private final TableReader tables;
    private final SearchIndex index;
    private final StorageQuota quota;

    public RowIndexing(FilesDependencies dependencies, StorageQuota quota) {
        this.tables = dependencies.tableReader();
        this.index = dependencies.searchIndex();
        this.quota = quota;
    }

    /** What became of a file's rows. */
    public sealed interface Indexed {
        record Done(long rows) implements Indexed {}

        /** The index would have taken the session over its quota: it keeps none of the file's rows, old or new. */
        record OverQuota() implements Indexed {}

        /** Stopped before the end (the job is cancelled or the process stops): none of the file's rows, old or new, are kept. */
        record Stopped() implements Indexed {}

        /** The output was deleted or rewritten while its rows were read: the index is as it was. */
        record Superseded() implements Indexed {}
    }

    /**
     * Indexes {@code csv} (not closed) as the rows of {@code output}, giving up when {@code stop} turns
     * true, and keeping nothing unless {@code unchanged} still holds just before the rows are committed.
     * When the output's rows are not taken (stopped, or over the quota) while the output is unchanged,
     * the rows the index held for it go too: they were those of an older file at that path.
     */
    public Indexed index(SessionId owner, WorkspacePath output, InputStream csv, BooleanSupplier stop, BooleanSupplier unchanged)
            throws IOException {
        Indexed indexed = build(owner, output.value(), csv, stop, unchanged);
        if ((indexed instanceof Indexed.Stopped || indexed instanceof Indexed.OverQuota) && unchanged.getAsBoolean()) {
            index.remove(owner, output.value());
        }
        return indexed;
    }

    private Indexed build(SessionId owner, String path, InputStream csv, BooleanSupplier stop, BooleanSupplier unchanged) throws IOException {
        long[] rows = {0};
        boolean[] overQuota = {false};
        boolean[] stopped = {false};
        try (SearchIndex.Writer writer = index.replace(owner, path, quota.indexAllowance(owner).bytes())) {
            tables.rows(csv, (columns, row, cells) -> {
                if (stop.getAsBoolean()) {
                    stopped[0] = true;
                    return false;
                }
                overQuota[0] = !writer.add(IndexedRow.of(path, row, columns, cells));
                rows[0] = row;
                return !overQuota[0];
            });
            if (stopped[0]) {
                return new Indexed.Stopped();
            }
            if (!overQuota[0] && !unchanged.getAsBoolean()) {
                return new Indexed.Superseded();
            }
            if (overQuota[0] || !writer.commit()) {
                return new Indexed.OverQuota();
            }
            return new Indexed.Done(rows[0]);
        }
    }
}
