package app.ret.adapters.files.conversion;

import java.io.IOException;
import java.io.InputStream;

/** Reads back what {@link SpillOutput} wrote. */
final class SpillInput implements AutoCloseable {
    static final int END_OF_SPILL = -1;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    SpillInput(InputStream in) {
        this.in = in;
    }

    /** The kind id that starts the next record, or {@link #END_OF_SPILL} after the last one. */
    int nextRecordKind() throws IOException {
        return readVarint(true);
    }

    /** The next number inside a record. */
    int nextNumber() throws IOException {
        return readVarint(false);
    }

    private int readVarint(boolean mayEndHere) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            if (b < 0) {
                if (shift == 0 && mayEndHere) {
                    return END_OF_SPILL;
                }
                throw new IOException("spill file ended inside a number");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("spill file holds a malformed number");
    }

    void readInto(GrowableBytes target, int length) throws IOException {
        int remaining = length;
        while (remaining > 0) {
            if (position == limit && !refill()) {
                throw new IOException("spill file ended inside a field");
            }
            int chunk = Math.min(remaining, limit - position);
            target.addRange(buffer, position, chunk);
            position += chunk;
            remaining -= chunk;
        }
    }

    void skip(int length) throws IOException {
        int remaining = length;
        while (remaining > 0) {
            if (position == limit && !refill()) {
                throw new IOException("spill file ended inside a field");
            }
            int chunk = Math.min(remaining, limit - position);
            position += chunk;
            remaining -= chunk;
        }
    }

    private int readByte() throws IOException {
        if (position == limit && !refill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    private boolean refill() throws IOException {
        int read = in.read(buffer);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
