package app.ret.adapters.files.table;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a CSV file read one at a time from a stream it closes with itself; the header is the
 * first row. The one CSV reader of RET's adapters: comparisons and workbooks read whole cells, a
 * preview or the search index reads {@linkplain #bounded bounded} cells and can pass over rows
 * keeping nothing ({@link #skip}).
 */
public final class CsvRowReader implements AutoCloseable {
    private final InputStream in;
    private static final int DEFAULT_BUFFER_BYTES = 1 << 16;

    private final byte[] buffer;
    private final CsvDecoder decoder;
    private int position;
    private int limit;
    private boolean ended;
    private Optional<List<String>> lookedAhead;

    public CsvRowReader(InputStream in) {
        this(in, new CsvDecoder(), DEFAULT_BUFFER_BYTES);
    }

    private CsvRowReader(InputStream in, CsvDecoder decoder, int bufferBytes) {
        this.in = in;
        this.decoder = decoder;
        this.buffer = new byte[bufferBytes];
    }

    /** A reader that keeps a cell's first {@code maxCellChars} characters and a row's first {@code maxColumns} cells. */
    public static CsvRowReader bounded(InputStream in, int maxCellChars, int maxColumns) {
        return bounded(in, maxCellChars, maxColumns, DEFAULT_BUFFER_BYTES);
    }

    /** The same, reading {@code bufferBytes} at a time: less for a reader that wants only a few rows. */
    public static CsvRowReader bounded(InputStream in, int maxCellChars, int maxColumns, int bufferBytes) {
        return new CsvRowReader(in, new CsvDecoder(maxCellChars, maxColumns), bufferBytes);
    }

    /** The next row, or empty after the last one. */
    public Optional<List<String>> next() throws IOException {
        if (lookedAhead != null) {
            Optional<List<String>> row = lookedAhead;
            lookedAhead = null;
            return row;
        }
        return read();
    }

    /** Passes over the next row keeping none of it; false when there was none. */
    public boolean skip() throws IOException {
        if (lookedAhead != null) {
            return next().isPresent();
        }
        decoder.discard();
        return read().isPresent();
    }

    /** True when no row follows. */
    public boolean atEnd() throws IOException {
        if (lookedAhead == null) {
            lookedAhead = read();
        }
        return lookedAhead.isEmpty();
    }

    private Optional<List<String>> read() throws IOException {
        while (true) {
            while (position < limit) {
                if (decoder.accept(buffer[position++])) {
                    return Optional.of(decoder.takeRow());
                }
            }
            if (ended) {
                return Optional.empty();
            }
            int read = in.read(buffer);
            position = 0;
            limit = Math.max(read, 0);
            if (read < 0) {
                ended = true;
                return decoder.finish() ? Optional.of(decoder.takeRow()) : Optional.empty();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
