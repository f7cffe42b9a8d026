package app.ret.adapters.files.table;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on to a stream it never closes, counting them. */
public final class CountingOutputStream extends FilterOutputStream {
    private long count;

    public CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        count += length;
    }

    /** Flushes; the stream it wraps stays open. */
    @Override
    public void close() throws IOException {
        flush();
    }

    public long count() {
        return count;
    }
}
