package app.ret.adapters.files.conversion;

import java.util.Arrays;

/**
 * Characters gathered for one value, kept as a plain array: cheaper to fill from the parser's
 * buffer and to encode than a {@code StringBuilder}, which re-checks every char for compaction.
 */
final class TextBuffer {
    /** A buffer that once held a huge value is dropped rather than kept for every later element. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private char[] chars = new char[64];
    private int length;

    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    void clear() {
        if (chars.length > RETAINED_CAPACITY) {
            chars = new char[64];
        }
        length = 0;
    }

    void append(char[] source, int start, int count) {
        ensureRoom(count);
        System.arraycopy(source, start, chars, length, count);
        length += count;
    }

    void append(String source) {
        ensureRoom(source.length());
        source.getChars(0, source.length(), chars, length);
        length += source.length();
    }

    private void ensureRoom(int extra) {
        if (chars.length - length < extra) {
            long wanted = Math.max((long) chars.length * 2, (long) length + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("a single XML value cannot exceed 2 G characters");
            }
            chars = Arrays.copyOf(chars, (int) wanted);
        }
    }
}
