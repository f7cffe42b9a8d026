package app.ret.ports.out;

import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import java.io.IOException;
import java.io.InputStream;

/** Reads one page of a CSV table, streaming: only the header and the rows up to the page's end are read. */
public interface TableReader {
    /** The header and the requested rows of {@code csv}, which is not closed. */
    TablePage page(InputStream csv, PageRequest request) throws IOException;
}
