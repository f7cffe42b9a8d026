package app.ret.adapters.files.preview;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingCsvTableReaderTest {
    private final StreamingCsvTableReader reader = new StreamingCsvTableReader();

    @Test
    void quotedCellsKeepCommasDoubledQuotesAndLineBreaks() throws IOException {
        TablePage page = page("id,text\r\n1,\"a, \"\"quoted\"\"\r\nsecond line\"\r\n2,plain\r\n", 0, 100);

        assertThat(page.columns()).containsExactly("id", "text");
        assertThat(page.rows()).containsExactly(List.of("1", "a, \"quoted\"\r\nsecond line"), List.of("2", "plain"));
        assertThat(page.totalRows()).hasValue(2);
    }

    @Test
    void anOffsetSkipsRowsWhoseQuotedCellsSpanLines() throws IOException {
        TablePage page = page("h\n\"x\ny\"\n\"z\nw\"\nlast\n", 2, 100);

        assertThat(page.rows()).containsExactly(List.of("last"));
        assertThat(page.totalRows()).hasValue(3);
    }

    @Test
    void aSkippedRowWithAQuoteInsideAnUnquotedCellEndsWhereAReadOneDoes() throws IOException {
        String csv = "h\nab\"c\nd\"e\nlast\n";

        assertThat(page(csv, 0, 10).rows()).containsExactly(List.of("ab\"c"), List.of("d\"e"), List.of("last"));
        assertThat(page(csv, 2, 10).rows()).containsExactly(List.of("last"));
        assertThat(page(csv, 2, 10).totalRows()).hasValue(3);
    }

    @Test
    void lfAndCrLineEndingsEmptyCellsAndAByteOrderMarkAreRead() throws IOException {
        TablePage page = page("\uFEFFa,b,c\r1,,3\n,,\r", 0, 10);

        assertThat(page.columns()).containsExactly("a", "b", "c");
        assertThat(page.rows()).containsExactly(List.of("1", "", "3"), List.of("", "", ""));
    }

    @Test
    void anOffsetPastTheEndGivesNoRowsAndTheTotal() throws IOException {
        TablePage page = page("h\n1\n2\n3\n", 50, 10);

        assertThat(page.rows()).isEmpty();
        assertThat(page.totalRows()).hasValue(3);
        assertThat(page.request().offset()).isEqualTo(50);
    }

    @Test
    void theTotalIsUnknownWhileRowsFollowThePage() throws IOException {
        TablePage first = page("h\n1\n2\n3\n", 0, 2);
        TablePage exactlyToTheEnd = page("h\n1\n2\n3\n", 1, 2);

        assertThat(first.rows()).containsExactly(List.of("1"), List.of("2"));
        assertThat(first.totalRows()).isEmpty();
        assertThat(exactlyToTheEnd.totalRows()).hasValue(3);
    }

    @Test
    void anEmptyFileHasNoColumnsAndNoRows() throws IOException {
        TablePage page = page("", 0, 10);

        assertThat(page.columns()).isEmpty();
        assertThat(page.rows()).isEmpty();
        assertThat(page.totalRows()).hasValue(0);
    }

    @Test
    void aPageOfAHundredMegabyteTableReadsOnlyUpToItsLastRow() throws IOException {
        GeneratedTable table = new GeneratedTable(100L << 20);

        TablePage page = reader.page(table, new PageRequest(10_000, 100));

        assertThat(page.rows()).hasSize(100);
        assertThat(page.rows().get(0)).containsExactly("10000", "row 10000, \"quoted\"\nwith a line break");
        assertThat(page.totalRows()).isEmpty();
        assertThat(table.served).isLessThan(2L << 20);
    }

    @Test
    void aHugeCellIsCutAndAHugeRecordKeepsItsFirstColumns() throws IOException {
        String huge = "x".repeat(StreamingCsvTableReader.MAX_CELL_CHARS * 3);
        String wide = ",".repeat(StreamingCsvTableReader.MAX_COLUMNS * 2);

        TablePage page = page("h\n" + huge + "\n" + wide + "\n", 0, 10);

        assertThat(page.rows().get(0).get(0)).hasSize(StreamingCsvTableReader.MAX_CELL_CHARS);
        assertThat(page.rows().get(1)).hasSize(StreamingCsvTableReader.MAX_COLUMNS);
    }

    private TablePage page(String csv, long offset, int limit) throws IOException {
        return reader.page(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new PageRequest(offset, limit));
    }

    /** A CSV of {@code size} bytes made up as it is read, counting the bytes it served. */
    private static final class GeneratedTable extends InputStream {
        private final long size;
        private long served;
        private long row = -1;
        private byte[] current = "id,text\r\n".getBytes(StandardCharsets.UTF_8);
        private int position;

        GeneratedTable(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            if (position == current.length) {
                row++;
                current = (row + ",\"row " + row + ", \"\"quoted\"\"\nwith a line break\"\r\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            served++;
            return current[position++];
        }
    }
}
