package app.ret.ports.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads workbooks back with fastexcel-reader, a reader independent of the writers under test:
 * the sheets' cells as text (an absent cell is {@code ""}), and the package's parts as XML text.
 */
public final class WorkbookCells {
    private WorkbookCells() {}

    /** Sheet name → its rows, each padded with {@code ""} to the row's last cell. Fails on a formula or non-text cell. */
    public static Map<String, List<List<String>>> sheets(InputStream xlsx) {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx)) {
            for (org.dhatim.fastexcel.reader.Sheet sheet : workbook.getSheets().toList()) {
                List<List<String>> rows = new ArrayList<>();
                try (Stream<Row> stream = sheet.openStream()) {
                    stream.forEach(row -> {
                        while (rows.size() < row.getRowNum() - 1) {
                            rows.add(List.of());
                        }
                        rows.add(texts(row));
                    });
                }
                sheets.put(sheet.getName(), rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sheets;
    }

    public static Map<String, List<List<String>>> sheets(byte[] xlsx) {
        return sheets(new ByteArrayInputStream(xlsx));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int column = 0; column < row.getCellCount(); column++) {
            Cell cell = row.getCell(column);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                texts.add("");
            } else if (cell.getType() == CellType.STRING) {
                texts.add(cell.asString());
            } else {
                throw new AssertionError("cell " + cell.getAddress() + " is " + cell.getType() + ", not text: " + cell.getRawValue());
            }
        }
        return texts;
    }

    /** One part of the package (for example {@code xl/worksheets/sheet1.xml}) as text. */
    public static Optional<String> part(byte[] xlsx, String name) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return Optional.of(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a CSV with every row padded with {@code ""} to its last non-empty field, as a sheet shows them. */
    public static List<String> trimmed(List<String> row) {
        int end = row.size();
        while (end > 0 && row.get(end - 1).isEmpty()) {
            end--;
        }
        return List.copyOf(row.subList(0, end));
    }
}
