package app.ret.adapters.files.conversion;

import java.util.Arrays;

/**
 * Characters gathered for one value, kept as a plain array: cheaper to fill from the parser's
 * buffer and to encode than a {@code StringBuilder}, which re-checks every char for compaction.
 */
final class TextBuffer {
    /**
     * A buffer that once held a long value is dropped rather than kept: one is kept per open
     * level (up to 100), and a document must not make each of them hold a maximal value.
     */
    private static final int RETAINED_CAPACITY = 1 << 13;

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
            // Values are bounded by ConversionBounds long before this could overflow.
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + extra));
        }
    }
}
