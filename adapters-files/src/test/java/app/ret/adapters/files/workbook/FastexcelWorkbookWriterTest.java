package app.ret.adapters.files.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.SharedData;
import app.ret.adapters.files.SmallHeapJvm;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.table.CsvRowReader;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.WorkbookWriter;
import app.ret.ports.out.WorkbookWriterContract;
import app.ret.ports.testing.WorkbookCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastexcelWorkbookWriterTest extends WorkbookWriterContract {
    @TempDir
    Path scratch;

    @Override
    protected WorkbookWriter writer() {
        return new FastexcelWorkbookWriter(scratch);
    }

    @AfterEach
    void scratchFilesAreAlwaysDeleted() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void rowsPastASheetsCapacityContinueOnTheNextSheetUnderTheHeader() throws IOException {
        String csv = "n,square\r\n1,1\r\n2,4\r\n3,9\r\n4,16\r\n5,25\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        var result = new FastexcelWorkbookWriter(scratch, 2).write(() -> new ByteArrayInputStream(csv.getBytes()), out);

        assertThat(result).isEqualTo(new ConversionSummary(5, 2, out.size()));
        assertThat(WorkbookCells.sheets(out.toByteArray())).containsExactly(
                Map.entry("Sheet1", List.of(List.of("n", "square"), List.of("1", "1"), List.of("2", "4"))),
                Map.entry("Sheet2", List.of(List.of("n", "square"), List.of("3", "9"), List.of("4", "16"))),
                Map.entry("Sheet3", List.of(List.of("n", "square"), List.of("5", "25"))));
    }

    @Test
    void everyCrossrefFileGivesAWorkbookWhoseCellsAreItsCsv() throws IOException {
        StaxCsvConverter converter = new StaxCsvConverter(scratch);
        ConversionOptions unguarded = ConversionOptions.DEFAULTS.withFormulaGuard(false);
        for (Path xml : SharedData.crossrefFiles()) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(xml)) {
                if (!(converter.convert(in, csv, unguarded) instanceof ConversionSummary)) {
                    continue;
                }
            }
            byte[] csvBytes = csv.toByteArray();
            ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
            writer().write(() -> new ByteArrayInputStream(csvBytes), xlsx);

            List<List<String>> expected = new ArrayList<>();
            try (CsvRowReader rows = new CsvRowReader(new ByteArrayInputStream(csvBytes))) {
                for (Optional<List<String>> row = rows.next(); row.isPresent(); row = rows.next()) {
                    expected.add(WorkbookCells.trimmed(row.get()));
                }
            }
            assertThat(WorkbookCells.sheets(xlsx.toByteArray())).as(xml.getFileName().toString())
                    .containsExactly(Map.entry("Sheet1", expected));
        }
    }

    @Test
    void moreRowsThanASheetHoldsStreamIntoTwoSheetsWithinA256MiBHeapAndReadBackCellForCell() throws Exception {
        List<String> output = SmallHeapJvm.run(MillionRowWorkbook.class, scratch);

        assertThat(output).contains("written rows=" + MillionRowWorkbook.ROWS + " columns=3", "sheet Sheet1", "sheet Sheet2",
                        "compared " + MillionRowWorkbook.ROWS + " rows")
                .doesNotContain("sheet Sheet3");
        Files.delete(scratch.resolve("big.csv"));
        Files.delete(scratch.resolve("big.xlsx"));
    }
}
