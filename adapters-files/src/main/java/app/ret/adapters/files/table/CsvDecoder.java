package app.ret.adapters.files.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads back the CSV that conversions write (RFC 4180, UTF-8, CRLF, an optional BOM), one byte at
 * a time so that callers stream any size: {@link #accept} says when a row is complete, {@link
 * #takeRow} hands it over. A line break inside quotes belongs to the value; a CR outside quotes is
 * part of a line end.
 */
public final class CsvDecoder {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final List<String> fields = new ArrayList<>();
    private byte[] field = new byte[256];
    private int length;
    private long position;
    private boolean inQuotes;
    private boolean quoteInQuotes;
    private boolean rowStarted;
    private List<String> completed = List.of();

    /** Feeds the next byte; true when it ended a row, which {@link #takeRow} then returns. */
    public boolean accept(byte b) {
        if (position < BOM.length && b == BOM[(int) position] && !rowStarted && fields.isEmpty()) {
            position++;
            if (position == BOM.length) {
                length = 0;
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
                // the first half of a CRLF line end
            }
            case '\n' -> {
                return endRow();
            }
            case '"' -> {
                if (length == 0) {
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
        if (length == field.length) {
            field = Arrays.copyOf(field, length * 2);
        }
        field[length++] = b;
    }

    private void endField() {
        fields.add(new String(field, 0, length, StandardCharsets.UTF_8));
        length = 0;
    }

    private boolean endRow() {
        endField();
        completed = List.copyOf(fields);
        fields.clear();
        rowStarted = false;
        return true;
    }
}
