package app.ret.adapters.files.table;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The rows of a conversion's CSV, read one at a time from a stream it closes with itself; the header is the first row. */
public final class CsvRowReader implements AutoCloseable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final CsvDecoder decoder = new CsvDecoder();
    private int position;
    private int limit;
    private boolean ended;

    public CsvRowReader(InputStream in) {
        this.in = in;
    }

    /** The next row, or empty after the last one. */
    public Optional<List<String>> next() throws IOException {
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
