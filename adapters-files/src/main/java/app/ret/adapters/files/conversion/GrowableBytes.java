package app.ret.adapters.files.conversion;

import java.util.Arrays;

/** A reusable byte buffer; reusing it keeps the hot paths free of per-field allocation. */
final class GrowableBytes {
    private byte[] data = new byte[256];
    private int size;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return data;
    }

    void add(int b) {
        ensureRoom(1);
        data[size++] = (byte) b;
    }

    void add(int b1, int b2) {
        ensureRoom(2);
        data[size++] = (byte) b1;
        data[size++] = (byte) b2;
    }

    void addRange(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, data, size, length);
        size += length;
    }

    /**
     * Makes room for {@code extra} more bytes and returns the array to write them into from
     * {@link #size()} on; {@link #grownTo(int)} then records how far the writer got.
     */
    byte[] reserve(long extra) {
        ensureRoom(extra);
        return data;
    }

    void grownTo(int newSize) {
        size = newSize;
    }

    private void ensureRoom(long extra) {
        if (data.length - size < extra) {
            long wanted = Math.max((long) data.length * 2, size + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("a single CSV field cannot exceed 2 GiB");
            }
            data = Arrays.copyOf(data, (int) wanted);
        }
    }
}
