package app.ret.ports.out;

import app.ret.domain.preview.RowStart;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A session's CSV file opened for paging: its bytes from the start or from any position, and,
 * when the store kept an index of it that still matches the file, where a row near the wanted one
 * begins — so a page far into the table is read from there instead of from the start.
 */
public interface TableFile extends AutoCloseable {
    /** The file's bytes from position {@code position} on; the stream is closed with the file. */
    InputStream bytesFrom(long position) throws IOException;

    /**
     * The start of the latest indexed row at or before data row {@code row}; empty when there is no
     * index, it does not match the file (written for other bytes), or it indexes no row.
     */
    Optional<RowStart> rowStartAtOrBefore(long row) throws IOException;

    @Override
    void close() throws IOException;
}
