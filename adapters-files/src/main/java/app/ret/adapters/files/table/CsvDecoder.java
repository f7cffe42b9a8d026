package app.ret.adapters.files.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV (RFC 4180, UTF-8, an optional BOM), one byte at a time so that callers stream any
 * size: {@link #accept} says when a row is complete, {@link #takeRow} hands it over. Rows end at
 * CRLF, LF or CR; a line break inside quotes belongs to the value. Lenient about what RET never
 * writes (text after a closing quote is kept). A bounded decoder keeps a cell's first {@code
 * maxCellChars} characters and a row's first {@code maxColumns} cells, so memory stays bounded
 * whatever the input; a row being {@link #discard discarded} keeps nothing at all.
 */
public final class CsvDecoder {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final List<String> fields = new ArrayList<>();
    private byte[] field = new byte[256];
    private int length;
    /** Whether the cell being read has a character yet, kept or not: a quote after one is text, not an opening quote. */
    private boolean cellStarted;
    private long position;
    private boolean inQuotes;
    private boolean quoteInQuotes;
    private boolean rowStarted;
    private List<String> completed = List.of();
    private boolean afterCr;
    private boolean discarding;
    private final int maxCellChars;
    private final int maxColumns;
    private final int maxCellBytes;

    /** Keeps every cell whole. */
    public CsvDecoder() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public CsvDecoder(int maxCellChars, int maxColumns) {
        if (maxCellChars < 1 || maxColumns < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxCellChars = maxCellChars;
        this.maxColumns = maxColumns;
        // UTF-8 takes at most 4 bytes a character: what is kept decodes to at least the bound's characters.
        this.maxCellBytes = maxCellChars >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : maxCellChars * 4;
    }

    /** Keeps nothing of the row being read (it is passed over); its end is still reported. */
    public void discard() {
        discarding = true;
    }

    /** Feeds the next byte; true when it ended a row, which {@link #takeRow} then returns. */
    public boolean accept(byte b) {
        if (afterCr) {
            afterCr = false;
            if (b == '\n') {
                return false;
            }
        }
        if (position < BOM.length && b == BOM[(int) position] && !rowStarted && fields.isEmpty()) {
            position++;
            if (position == BOM.length) {
                length = 0;
                cellStarted = false;
                return false;
            }
            append(b);
            return false;
        }
        position = BOM.length;
        rowStarted = true;
        if (inQuotes) {
            if (quoteInQuotes) {
                quoteInQuotes = false;
                if (b == '"') {
                    append(b);
                    return false;
                }
                inQuotes = false;
            } else {
                if (b == '"') {
                    quoteInQuotes = true;
                } else {
                    append(b);
                }
                return false;
            }
        }
        switch (b) {
            case ',' -> endField();
            case '\r' -> {
                afterCr = true;
                return endRow();
            }
            case '\n' -> {
                return endRow();
            }
            case '"' -> {
                if (!cellStarted) {
                    inQuotes = true;
                } else {
                    append(b);
                }
            }
            default -> append(b);
        }
        return false;
    }

    /** At the end of the input: true when the last line had no line end and so completes a row now. */
    public boolean finish() {
        if (!rowStarted) {
            return false;
        }
        inQuotes = false;
        quoteInQuotes = false;
        return endRow();
    }

    /** The row that the last {@code true} from {@link #accept} or {@link #finish} completed. */
    public List<String> takeRow() {
        return completed;
    }

    private void append(byte b) {
        cellStarted = true;
        if (discarding || length >= maxCellBytes) {
            return;
        }
        if (length == field.length) {
            field = Arrays.copyOf(field, length * 2);
        }
        field[length++] = b;
    }

    private void endField() {
        if (!discarding && fields.size() < maxColumns) {
            String value = new String(field, 0, length, StandardCharsets.UTF_8);
            fields.add(value.length() <= maxCellChars ? value : value.substring(0, maxCellChars));
        }
        length = 0;
        cellStarted = false;
    }

    private boolean endRow() {
        endField();
        completed = discarding ? List.of() : List.copyOf(fields);
        fields.clear();
        rowStarted = false;
        discarding = false;
        return true;
    }
}
