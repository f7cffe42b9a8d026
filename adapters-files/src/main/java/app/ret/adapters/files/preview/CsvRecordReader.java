package app.ret.adapters.files.preview;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4180 records read one at a time from a character stream: quoted fields may hold commas,
 * doubled quotes and line breaks; records end at CRLF, LF or CR. Lenient about what RET never
 * writes (text after a closing quote is kept). Memory stays bounded whatever the input: a cell
 * keeps its first {@link #MAX_CELL_CHARS} characters and a record its first {@link #MAX_COLUMNS}
 * cells, and skipped records keep nothing.
 */
final class CsvRecordReader {
    static final int MAX_CELL_CHARS = 10_000;
    static final int MAX_COLUMNS = 10_000;
    private static final int END = -1;
    private static final int NONE = -2;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private int pushedBack = NONE;
    private boolean started;

    /** {@code atFileStart}: a byte-order mark is dropped only where a file begins, not where a row read from the middle does. */
    CsvRecordReader(Reader in, boolean atFileStart) {
        this.in = in;
        this.started = !atFileStart;
    }

    /** The next record's cells; empty at the end of the input. */
    Optional<List<String>> next() throws IOException {
        List<String> cells = new ArrayList<>();
        return read(cells) ? Optional.of(cells) : Optional.empty();
    }

    /** Reads past the next record, keeping none of it; false at the end of the input. */
    boolean skip() throws IOException {
        return read(null);
    }

    /** True when no record follows. */
    boolean atEnd() throws IOException {
        int c = nextChar();
        pushedBack = c;
        return c == END;
    }

    private boolean read(List<String> cells) throws IOException {
        int c = nextChar();
        if (c == END) {
            return false;
        }
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == END) {
                    keep(cells, cell);
                    return true;
                }
                if (c == '"') {
                    int following = nextChar();
                    if (following == '"') {
                        append(cells, cell, '"');
                    } else {
                        quoted = false;
                        c = following;
                        continue;
                    }
                } else {
                    append(cells, cell, (char) c);
                }
            } else if (c == ',') {
                keep(cells, cell);
                cell.setLength(0);
            } else if (c == '\r' || c == '\n' || c == END) {
                keep(cells, cell);
                if (c == '\r') {
                    int following = nextChar();
                    if (following != '\n') {
                        pushedBack = following;
                    }
                }
                return true;
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else {
                append(cells, cell, (char) c);
            }
            c = nextChar();
        }
    }

    /** A skipped record keeps one character of a cell: enough to tell, as a kept one does, whether a quote opens it. */
    private static void append(List<String> cells, StringBuilder cell, char c) {
        if (cell.length() < (cells != null ? MAX_CELL_CHARS : 1)) {
            cell.append(c);
        }
    }

    private static void keep(List<String> cells, StringBuilder cell) {
        if (cells != null && cells.size() < MAX_COLUMNS) {
            cells.add(cell.toString());
        }
    }

    private int nextChar() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            if (c == BYTE_ORDER_MARK) {
                c = in.read();
            }
        }
        return c;
    }
}
