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
 * beside everything else they hold, and only as a whole.
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

        /** The index would have taken the session over its quota: it keeps none of the file's rows. */
        record OverQuota() implements Indexed {}

        /** Stopped before the end (the job is cancelled or the process stops): the index is as it was. */
        record Stopped() implements Indexed {}
    }

    /** Indexes {@code csv} (not closed) as the rows of {@code output}, giving up when {@code stop} turns true. */
    public Indexed index(SessionId owner, WorkspacePath output, InputStream csv, BooleanSupplier stop) throws IOException {
        String path = output.value();
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
            if (overQuota[0] || !writer.commit()) {
                return new Indexed.OverQuota();
            }
            return new Indexed.Done(rows[0]);
        }
    }
}
