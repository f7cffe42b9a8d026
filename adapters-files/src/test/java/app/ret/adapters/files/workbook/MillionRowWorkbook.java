package app.ret.adapters.files.workbook;

import app.ret.adapters.files.SmallHeapJvm;
import app.ret.adapters.files.table.CsvRowReader;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.WorkbookWriter;
import app.ret.ports.testing.WorkbookCells;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Run in a JVM of its own with a small heap: writes a CSV of more rows than one sheet holds,
 * lays it out as a workbook, then reads the workbook back and compares every cell with the CSV,
 * all streaming. Prints the result and the peak heap; exits non-zero on the first difference.
 */
public final class MillionRowWorkbook {
    static final int ROWS = WorkbookWriter.EXCEL_DATA_ROWS_PER_SHEET + 25_000;

    private MillionRowWorkbook() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        Path csv = directory.resolve("big.csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("id,doi,title\r\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(i + ",10.5555/" + Integer.toHexString(i * 31) + ",\"Title, number " + i + "\"\r\n");
            }
        }
        Path xlsx = directory.resolve("big.xlsx");
        ConversionResult result;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(xlsx))) {
            result = new FastexcelWorkbookWriter(directory).write(() -> Files.newInputStream(csv), out);
        }
        ConversionSummary summary = (ConversionSummary) result;
        System.out.println("written rows=" + summary.rows() + " columns=" + summary.columns());
        long compared = compare(csv, xlsx);
        System.out.println("compared " + compared + " rows");
        System.out.println("peak-heap-mb " + SmallHeapJvm.peakHeapMegabytes());
    }

    private static long compare(Path csv, Path xlsx) throws IOException {
        long compared = 0;
        try (CsvRowReader expected = new CsvRowReader(Files.newInputStream(csv)); ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<String> header = expected.next().orElseThrow();
            for (Sheet sheet : workbook.getSheets().toList()) {
                try (Stream<Row> rows = sheet.openStream()) {
                    Iterator<Row> iterator = rows.iterator();
                    check(sheet.getName() + " header", header, cells(iterator.next()));
                    while (iterator.hasNext()) {
                        Row row = iterator.next();
                        Optional<List<String>> line = expected.next();
                        check(sheet.getName() + " row " + row.getRowNum(), WorkbookCells.trimmed(line.orElseThrow()), cells(row));
                        compared++;
                    }
                }
                System.out.println("sheet " + sheet.getName());
            }
            if (expected.next().isPresent()) {
                throw new AssertionError("the workbook has fewer rows than the CSV");
            }
        }
        return compared;
    }

    private static List<String> cells(Row row) {
        return row.stream().map(cell -> cell == null ? "" : cell.getText()).toList();
    }

    private static void check(String where, List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError(where + ": expected " + expected + " but the workbook has " + actual);
        }
    }
}
