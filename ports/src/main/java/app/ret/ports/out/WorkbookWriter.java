package app.ret.ports.out;

import app.ret.domain.conversion.ConversionResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lays a conversion's CSV out as an Excel workbook (XLSX): the same columns and rows, every value
 * a text cell (never a formula), the header row frozen and bold. Streaming: memory does not grow
 * with the rows. The same CSV always gives the same bytes.
 */
public interface WorkbookWriter {
    /** Data rows on one sheet; the rows after them continue on the next sheet, under the header again. */
    int EXCEL_DATA_ROWS_PER_SHEET = 1_048_575;
    /** Columns one Excel sheet can hold. */
    int EXCEL_MAX_COLUMNS = 16_384;

    /**
     * Reads the CSV twice (once for the column widths, once for the cells), each time from a fresh
     * stream of {@code csv}, and writes the workbook to {@code xlsx}, which it does not close.
     * Returns the rows, columns and bytes written, or {@code too_many_columns_for_xlsx} with nothing
     * of use written.
     *
     * @throws IOException when reading the CSV or writing the workbook fails
     */
    ConversionResult write(CsvSource csv, OutputStream xlsx) throws IOException;

    /** Changes whenever the same CSV could give different bytes; part of the cache key of workbooks. */
    String version();

    /** Opens the CSV from its start; the caller closes each stream. */
    @FunctionalInterface
    interface CsvSource {
        InputStream open() throws IOException;
    }
}
