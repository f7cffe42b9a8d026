package app.ret.adapters.files.conversion;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes scanned records to the spill file, so memory does not grow with rows while the columns are
 * still being discovered. Layout per record: kind id, then (column id + 1, length, encoded CSV
 * field bytes) per field, then 0; numbers as unsigned LEB128 varints.
 */
final class SpillOutput implements AutoCloseable {
    static final int END_OF_RECORD = 0;

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    SpillOutput(OutputStream out) {
        this.out = out;
    }

    void beginRecord(int kindId) throws IOException {
        writeVarint(kindId);
    }

    void writeField(int columnId, GrowableBytes encoded) throws IOException {
        writeVarint(tagOf(columnId));
        writeVarint(encoded.size());
        writeBytes(encoded.array(), encoded.size());
    }

    private static int tagOf(int columnId) {
        return columnId + 1;
    }

    static int columnOf(int fieldTag) {
        return fieldTag - 1;
    }

    void endRecord() throws IOException {
        writeVarint(END_OF_RECORD);
    }

    private void writeVarint(int value) throws IOException {
        if (buffer.length - used < 5) {
            drain();
        }
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            buffer[used++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[used++] = (byte) rest;
    }

    private void writeBytes(byte[] bytes, int length) throws IOException {
        if (length > buffer.length - used) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, 0, length);
                return;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, length);
        used += length;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            drain();
        }
    }
}
