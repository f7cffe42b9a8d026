package app.ret.adapters.files.conversion;

import java.io.IOException;
import java.io.OutputStream;

/** Buffers and counts the bytes written to the caller's stream, which it never closes. */
final class CsvOutput {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private long written;

    CsvOutput(OutputStream out) {
        this.out = out;
    }

    void write(int b) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = (byte) b;
        written++;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - used) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, offset, length);
                written += length;
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, used, length);
        used += length;
        written += length;
    }

    long flush() throws IOException {
        drain();
        out.flush();
        return written;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}
