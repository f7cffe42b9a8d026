package app.ret.domain.conversion;

/** A CSV was written: its data rows (header excluded), columns, and bytes including any BOM. */
public record ConversionSummary(long rows, int columns, long bytesWritten) implements ConversionResult {
    public ConversionSummary {
        if (rows < 1) {
            throw new IllegalArgumentException("a written CSV has at least one row");
        }
        if (columns < 0 || bytesWritten < 0) {
            throw new IllegalArgumentException("columns and bytes cannot be negative");
        }
    }
}
