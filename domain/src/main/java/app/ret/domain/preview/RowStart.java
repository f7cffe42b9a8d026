package app.ret.domain.preview;

/** Where data row {@code row} of a table file begins: {@code position} bytes into the file (row 0 follows the header). */
public record RowStart(long row, long position) {
    public RowStart {
        if (row < 0 || position < 0) {
            throw new IllegalArgumentException("a row start has a row and a position of 0 or more");
        }
    }
}
