package app.ret.ports.out;

import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import java.io.IOException;
import java.io.InputStream;

/** Reads one page of a CSV table, streaming: only the header and the rows up to the page's end (or from the nearest indexed row) are read. */
public interface TableReader {
    /** The header and the requested rows of {@code csv}, which is not closed. */
    TablePage page(InputStream csv, PageRequest request) throws IOException;

    /**
     * The same page of {@code table}, read from the indexed row nearest before the page when the
     * file has a matching index, so its cost follows the page's size, not its offset.
     */
    TablePage page(TableFile table, PageRequest request) throws IOException;
}
