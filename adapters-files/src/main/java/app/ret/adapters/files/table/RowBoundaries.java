package app.ret.adapters.files.table;

/**
 * Finds where the records of a UTF-8 CSV begin, fed its bytes in order, telling records apart
 * exactly as the preview's reader does: a line break inside quotes belongs to the cell, CR, LF or
 * CRLF end a record, a quote opens a quoted cell only as the cell's first character, and a
 * leading byte-order mark is not part of the first record. Quotes, commas and line breaks never
 * occur inside a multi-byte UTF-8 sequence, so no decoding is needed.
 */
final class RowBoundaries {
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private enum State { FIELD, QUOTED, QUOTE_IN_QUOTED, AFTER_CR }

    /** Told the position of each record's first byte; record 0 is the header. */
    interface RecordStarts {
        void recordStartsAt(long record, long position);
    }

    private final RecordStarts starts;
    private State state = State.FIELD;
    private boolean atRecordStart = true;
    private boolean cellStarted;
    private long records;
    private long position;
    private int markMatched;

    RowBoundaries(RecordStarts starts) {
        this.starts = starts;
    }

    /** The next {@code length} bytes of the file. */
    void accept(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            accept(bytes[i]);
            position++;
        }
    }

    private void accept(byte b) {
        if (position < BYTE_ORDER_MARK.length && markMatched == position && b == BYTE_ORDER_MARK[markMatched]) {
            markMatched++;
            return; // part of a leading mark, text only if the mark turns out broken
        }
        boolean brokenMark = markMatched > 0 && markMatched < BYTE_ORDER_MARK.length && position == markMatched;
        if (state == State.AFTER_CR) {
            state = State.FIELD;
            if (b == '\n') {
                return;
            }
        }
        if (state == State.QUOTE_IN_QUOTED) {
            if (b == '"') {
                state = State.QUOTED;
                cellStarted = true;
                return;
            }
            state = State.FIELD;
        }
        if (atRecordStart) {
            starts.recordStartsAt(records++, position);
            atRecordStart = false;
            cellStarted = false;
        }
        if (brokenMark) {
            cellStarted = true; // the reader decoded the broken mark's bytes into the first cell
        }
        if (state == State.QUOTED) {
            if (b == '"') {
                state = State.QUOTE_IN_QUOTED;
            } else {
                cellStarted = true;
            }
            return;
        }
        switch (b) {
            case ',' -> cellStarted = false;
            case '\r' -> {
                atRecordStart = true;
                state = State.AFTER_CR;
            }
            case '\n' -> atRecordStart = true;
            case '"' -> {
                if (cellStarted) {
                    return;
                }
                state = State.QUOTED;
            }
            default -> cellStarted = true;
        }
    }
}
