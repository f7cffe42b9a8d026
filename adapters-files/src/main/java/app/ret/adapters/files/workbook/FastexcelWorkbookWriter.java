package app.ret.adapters.files.workbook;

import app.ret.adapters.files.table.CsvRowReader;
import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.WorkbookWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Streams a CSV into an XLSX with fastexcel ({@code docs/adr/0013-outputs-xlsx-comparisons-search.md}):
 * a first pass measures the columns, a second writes every value as an inline string (no shared-string
 * table, so memory stays flat, and no cell is ever a formula) and repeats the bold, frozen header on
 * every sheet. fastexcel stamps the package with the current time, so its output is repacked by
 * {@link DeterministicPackage} with fixed times.
 */
public final class FastexcelWorkbookWriter implements WorkbookWriter {
    /** Bump whenever the same CSV could give other bytes: it invalidates cached workbooks. */
    public static final String VERSION = "fastexcel-0.19.0/1";
    private static final String APPLICATION = "RET";
    private static final String APPLICATION_VERSION = "1.0";
    private static final int ROWS_PER_FLUSH = 1_000;

    private final Path scratchDirectory;
    private final int dataRowsPerSheet;

    public FastexcelWorkbookWriter(Path scratchDirectory) {
        this(scratchDirectory, EXCEL_DATA_ROWS_PER_SHEET);
    }

    /** With fewer rows per sheet than Excel's limit, so that tests see a sheet fill up without a million rows. */
    FastexcelWorkbookWriter(Path scratchDirectory, int dataRowsPerSheet) {
        this.scratchDirectory = Objects.requireNonNull(scratchDirectory, "scratchDirectory");
        if (dataRowsPerSheet < 1 || dataRowsPerSheet > EXCEL_DATA_ROWS_PER_SHEET) {
            throw new IllegalArgumentException("a sheet holds 1 to " + EXCEL_DATA_ROWS_PER_SHEET + " data rows");
        }
        this.dataRowsPerSheet = dataRowsPerSheet;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public ConversionResult write(CsvSource csv, OutputStream xlsx) throws IOException {
        ColumnWidths widths = ColumnWidths.measure(csv);
        if (widths.columns() > EXCEL_MAX_COLUMNS) {
            return new ConversionFailure(ConversionFailureCode.TOO_MANY_COLUMNS_FOR_XLSX, "the table has " + widths.columns()
                    + " columns; an Excel sheet holds at most " + EXCEL_MAX_COLUMNS + " (the CSV has them all)");
        }
        Path unstamped = Files.createTempFile(scratchDirectory, "ret-xlsx-", ".zip");
        try {
            long rows = writeSheets(csv, widths, unstamped);
            long bytes = DeterministicPackage.repack(unstamped, xlsx);
            return new ConversionSummary(rows, widths.columns(), bytes);
        } finally {
            Files.deleteIfExists(unstamped);
        }
    }

    private long writeSheets(CsvSource csv, ColumnWidths widths, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); CsvRowReader rows = new CsvRowReader(csv.open())) {
            Workbook workbook = new Workbook(out, APPLICATION, APPLICATION_VERSION);
            workbook.setCompressionLevel(DeterministicPackage.UNSTAMPED_COMPRESSION_LEVEL);
            List<String> header = rows.next().orElse(List.of());
            long written = 0;
            Worksheet sheet = null;
            int rowInSheet = 0;
            for (Optional<List<String>> row = rows.next(); row.isPresent(); row = rows.next()) {
                if (sheet == null || rowInSheet == dataRowsPerSheet) {
                    if (sheet != null) {
                        sheet.finish();
                    }
                    sheet = startSheet(workbook, "Sheet" + (written / dataRowsPerSheet + 1), header, widths);
                    rowInSheet = 0;
                }
                rowInSheet++;
                writeRow(sheet, rowInSheet, row.get());
                written++;
                if (rowInSheet % ROWS_PER_FLUSH == 0) {
                    sheet.flush();
                }
            }
            if (sheet == null) {
                startSheet(workbook, "Sheet1", header, widths);
            }
            workbook.finish();
            return written;
        }
    }

    private static Worksheet startSheet(Workbook workbook, String name, List<String> header, ColumnWidths widths) {
        Worksheet sheet = workbook.newWorksheet(name);
        for (int column = 0; column < header.size(); column++) {
            sheet.width(column, widths.width(column));
        }
        writeRow(sheet, 0, header);
        if (!header.isEmpty()) {
            sheet.range(0, 0, 0, header.size() - 1).style().bold().set();
        }
        sheet.freezePane(0, 1);
        return sheet;
    }

    /** Empty CSV fields stay empty cells; everything else is text, whatever it looks like. */
    private static void writeRow(Worksheet sheet, int row, List<String> values) {
        for (int column = 0; column < values.size(); column++) {
            String value = values.get(column);
            if (!value.isEmpty()) {
                sheet.inlineString(row, column, value);
            }
        }
    }
}
