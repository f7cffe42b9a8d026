package app.ret.ports.out;

import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads a CSV table, streaming: one page of it (only the header and the rows up to the page's end, or from the nearest indexed row, are read), or all its rows one by one. */
public interface TableReader {
    /** The header and the requested rows of {@code csv}, which is not closed. */
    TablePage page(InputStream csv, PageRequest request) throws IOException;

    /**
     * Hands every data row of {@code csv} (which is not closed) to {@code sink}, numbered from 1,
     * until the end or until the sink answers false; cells are bounded as a page's are.
     */
    void rows(InputStream csv, RowSink sink) throws IOException;

    @FunctionalInterface
    interface RowSink {
        /** One row with the header's columns; false stops the reading. */
        boolean accept(List<String> columns, long row, List<String> cells) throws IOException;
    }

    /**
     * The same page of {@code table}, read from the indexed row nearest before the page when the
     * file has a matching index, so its cost follows the page's size, not its offset.
     */
    TablePage page(TableFile table, PageRequest request) throws IOException;
}
