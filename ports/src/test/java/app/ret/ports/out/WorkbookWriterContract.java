package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.testing.WorkbookCells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link WorkbookWriter} must do; adapters extend this. Workbooks are read back with an independent reader. */
public abstract class WorkbookWriterContract {
    private static final String TRICKY_CSV = "title,formula,note,@lang\r\n"
            + "\"Hello, world\",=1+1,\"two\r\nlines\",en\r\n"
            + "\"She said \"\"hi\"\"\",+SUM(A1:A2),,\r\n"
            + "Ünïcødé 😀 ∑,@cmd,-3,\"\"\r\n";

    protected abstract WorkbookWriter writer();

    @Test
    void everyCellHoldsTheCsvValueAsTextNeverAsAFormula() throws IOException {
        Written written = write(TRICKY_CSV);

        assertThat(written.result()).isEqualTo(new ConversionSummary(3, 4, written.bytes().length));
        assertThat(WorkbookCells.sheets(written.bytes())).containsExactly(Map.entry("Sheet1", List.of(
                List.of("title", "formula", "note", "@lang"),
                List.of("Hello, world", "=1+1", "two\r\nlines", "en"),
                List.of("She said \"hi\"", "+SUM(A1:A2)"),
                List.of("Ünïcødé 😀 ∑", "@cmd", "-3"))));
        assertThat(WorkbookCells.part(written.bytes(), "xl/worksheets/sheet1.xml").orElseThrow()).doesNotContain("<f>", "<f ");
    }

    @Test
    void theHeaderRowIsFrozenAndBold() throws IOException {
        Written written = write(TRICKY_CSV);

        String sheet = WorkbookCells.part(written.bytes(), "xl/worksheets/sheet1.xml").orElseThrow();
        assertThat(sheet).containsPattern("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"");
        assertThat(WorkbookCells.part(written.bytes(), "xl/styles.xml").orElseThrow()).containsAnyOf("<b/>", "<b ", "<b>");
    }

    @Test
    void columnWidthsFollowTheLongestValue() throws IOException {
        Written written = write("a,b\r\nx," + "y".repeat(40) + "\r\n");

        String sheet = WorkbookCells.part(written.bytes(), "xl/worksheets/sheet1.xml").orElseThrow();
        assertThat(sheet).containsPattern("<col min=\"1\" max=\"1\" width=\"8(\\.0+)?\"")
                .containsPattern("<col min=\"2\" max=\"2\" width=\"42(\\.0+)?\"");
    }

    @Test
    void theSameCsvGivesTheSameBytesEvenSecondsApart() throws Exception {
        byte[] first = write(TRICKY_CSV).bytes();
        Thread.sleep(1_100);
        byte[] second = write(TRICKY_CSV).bytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void excelsColumnLimitIsHeldAndOneMoreColumnFailsTheFile() throws IOException {
        Written atTheLimit = write(wideCsv(WorkbookWriter.EXCEL_MAX_COLUMNS));
        Written pastTheLimit = write(wideCsv(WorkbookWriter.EXCEL_MAX_COLUMNS + 1));

        assertThat(atTheLimit.result()).isInstanceOf(ConversionSummary.class);
        assertThat(((ConversionSummary) atTheLimit.result()).columns()).isEqualTo(WorkbookWriter.EXCEL_MAX_COLUMNS);
        assertThat(pastTheLimit.result()).isInstanceOfSatisfying(ConversionFailure.class,
                failure -> assertThat(failure.code()).isEqualTo(ConversionFailureCode.TOO_MANY_COLUMNS_FOR_XLSX));
    }

    private static String wideCsv(int columns) {
        List<String> header = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            header.add("c" + i);
            values.add(Integer.toString(i));
        }
        return String.join(",", header) + "\r\n" + String.join(",", values) + "\r\n";
    }

    protected Written write(String csv) throws IOException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = writer().write(() -> new ByteArrayInputStream(bytes), out);
        return new Written(result, out.toByteArray());
    }

    protected record Written(ConversionResult result, byte[] bytes) {}
}
