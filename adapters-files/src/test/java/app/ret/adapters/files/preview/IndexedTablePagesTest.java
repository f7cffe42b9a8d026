package app.ret.adapters.files.preview;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.RowStart;
import app.ret.domain.preview.TablePage;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SessionFiles.Spool;
import app.ret.ports.out.TableFile;
import app.ret.ports.testing.SampleData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of a CSV stored in a session's output area, read through the row index the store writes
 * beside it, against the same pages read from the start: equal, whatever the rows hold, and
 * equal again when the index is missing, stale or damaged.
 */
class IndexedTablePagesTest {
    private static final String TABLE = "output/table.csv";
    private static final long[] OFFSETS = {0, 1, 999, 1_000, 1_001, 4_321, 9_999, 10_000, 12_344, 12_345, 12_346, 50_000};

    @TempDir
    Path root;

    private final StreamingCsvTableReader reader = new StreamingCsvTableReader();
    private DiskWorkspace workspace;
    private DiskSessionFiles files;
    private SessionId session;

    @BeforeEach
    void open() {
        workspace = new DiskWorkspace(root);
        files = new DiskSessionFiles(workspace);
        session = SampleData.newSessionId();
        workspace.create(session);
    }

    @Test
    void aPageAtALargeOffsetIsReadFromTheNearestIndexedRowAndEqualsTheRowsOfAFullRead() throws IOException {
        byte[] csv = awkwardTable(12_345, new Random(16));
        store(csv);

        for (long offset : OFFSETS) {
            assertThat(indexedPage(offset, 100)).as("offset " + offset).isEqualTo(fullRead(csv, offset, 100));
        }
        try (TableFile table = table()) {
            assertThat(table.rowStartAtOrBefore(12_344)).map(RowStart::row).hasValue(12_000L);
            assertThat(table.rowStartAtOrBefore(999)).map(RowStart::row).hasValue(0L);
        }
        CountingTable counted = new CountingTable(table());
        try (counted) {
            reader.page(counted, new PageRequest(12_100, 10));
        }
        assertThat(counted.served).as("bytes read for a page near the end").isLessThan(csv.length / 5);
    }

    @Test
    void rowsOfEveryShapeAreToldApartAsTheReaderDoes() throws IOException {
        for (int seed = 0; seed < 12; seed++) {
            byte[] csv = awkwardTable(2_100, new Random(seed));
            store(csv);
            for (long offset : new long[] {1_000, 1_001, 1_999, 2_000, 2_099, 2_100}) {
                assertThat(indexedPage(offset, 3)).as("seed " + seed + ", offset " + offset).isEqualTo(fullRead(csv, offset, 3));
            }
            try (TableFile table = table()) {
                assertThat(table.rowStartAtOrBefore(2_050)).as("seed " + seed).map(RowStart::row).hasValue(2_000L);
            }
        }
    }

    @Test
    void aMissingIndexLeavesThePagesAsTheyWere() throws IOException {
        byte[] csv = awkwardTable(3_500, new Random(3));
        store(csv);
        deleteIndexes();

        try (TableFile table = table()) {
            assertThat(table.rowStartAtOrBefore(3_000)).isEmpty();
        }
        assertThat(indexedPage(3_210, 50)).isEqualTo(fullRead(csv, 3_210, 50));
    }

    @Test
    void anIndexOfOtherBytesIsNotBelieved() throws IOException {
        store(awkwardTable(3_500, new Random(4)));
        Path placed = workspace.directoryOf(session).resolve(TABLE);
        byte[] changed = awkwardTable(3_400, new Random(5));
        Files.write(placed, changed); // changed behind the store's back: the index describes the old bytes

        try (TableFile table = table()) {
            assertThat(table.rowStartAtOrBefore(3_000)).isEmpty();
        }
        assertThat(indexedPage(3_100, 50)).isEqualTo(fullRead(changed, 3_100, 50));
    }

    @Test
    void aDamagedIndexIsNotBelieved() throws IOException {
        byte[] csv = awkwardTable(3_500, new Random(6));
        store(csv);
        for (Path index : indexes()) {
            byte[] whole = Files.readAllBytes(index);
            Files.write(index, java.util.Arrays.copyOf(whole, whole.length - 3));
        }

        try (TableFile table = table()) {
            assertThat(table.rowStartAtOrBefore(3_000)).isEmpty();
        }
        assertThat(indexedPage(3_001, 20)).isEqualTo(fullRead(csv, 3_001, 20));
    }

    @Test
    void storingAgainReplacesTheIndexWithTheNewFilesOwn() throws IOException {
        store(awkwardTable(5_000, new Random(7)));
        byte[] second = awkwardTable(4_000, new Random(8));
        store(second);

        assertThat(indexes()).hasSize(1);
        assertThat(indexedPage(3_500, 100)).isEqualTo(fullRead(second, 3_500, 100));
        try (TableFile table = table()) {
            assertThat(table.rowStartAtOrBefore(3_500)).map(RowStart::row).hasValue(3_000L);
        }
    }

    @Test
    void theIndexIsNeverListedAndGoesWithItsFileAndWithTheWorkspace() throws IOException {
        store(awkwardTable(1_500, new Random(9)));
        assertThat(files.list(session)).extracting(file -> file.path().value()).containsExactly(TABLE);
        assertThat(indexes()).hasSize(1);

        files.delete(session, WorkspacePath.parse(TABLE).orElseThrow());
        assertThat(indexes()).isEmpty();

        store(awkwardTable(1_500, new Random(10)));
        workspace.purge(session);
        try (Stream<Path> left = Files.walk(root)) {
            assertThat(left.filter(path -> path.toString().contains(session.value()))).isEmpty();
        }
    }

    @Test
    void onlyOutputTablesAreIndexed() throws IOException {
        try (Spool spool = files.spool(session, new ByteArrayInputStream(awkwardTable(1_200, new Random(11))), Long.MAX_VALUE / 2)
                .spool().orElseThrow()) {
            files.store(session, spool, WorkspacePath.parse("input/table.csv").orElseThrow(), Long.MAX_VALUE);
        }
        assertThat(indexes()).isEmpty();
    }

    // ---- helpers ----

    private void store(byte[] csv) throws IOException {
        try (Spool spool = files.spool(session, new ByteArrayInputStream(csv), Long.MAX_VALUE / 2).spool().orElseThrow()) {
            assertThat(files.store(session, spool, WorkspacePath.parse(TABLE).orElseThrow(), Long.MAX_VALUE))
                    .isInstanceOf(UploadOutcome.Stored.class);
        }
    }

    private TableFile table() throws IOException {
        return files.openTable(session, WorkspacePath.parse(TABLE).orElseThrow()).orElseThrow();
    }

    private TablePage indexedPage(long offset, int limit) throws IOException {
        try (TableFile table = table()) {
            return reader.page(table, new PageRequest(offset, limit));
        }
    }

    private TablePage fullRead(byte[] csv, long offset, int limit) throws IOException {
        return reader.page(new ByteArrayInputStream(csv), new PageRequest(offset, limit));
    }

    private List<Path> indexes() throws IOException {
        Path folder = workspace.directoryOf(session).resolve(".rows");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(folder)) {
            return all.toList();
        }
    }

    private void deleteIndexes() throws IOException {
        for (Path index : indexes()) {
            Files.delete(index);
        }
    }

    /**
     * A table whose rows hold what makes rows hard to tell apart: quoted cells with commas, doubled
     * quotes and every kind of line break, quotes inside unquoted cells, empty rows, CR, LF and CRLF
     * row ends, multi-byte characters, and a byte-order mark before a quoted header.
     */
    static byte[] awkwardTable(int rows, Random random) {
        String[] cells = {"plain", "", "\"a, \"\"quoted\"\"\r\nsecond line\"", "\"x\ny\"", "\"only\rcr\"", "mid\"quote",
            "\"\"", "\"\"\"\"", "überall €", "\"closed\"after", "a\"\"b", "\"\"\"lead\""};
        String[] ends = {"\r\n", "\n", "\r"};
        StringBuilder csv = new StringBuilder("\uFEFF\"id\",text,more\r\n");
        for (int row = 0; row < rows; row++) {
            if (random.nextInt(50) == 0) {
                csv.append(ends[random.nextInt(2)]); // an empty row (not after a lone CR, which would make it a CRLF)
                continue;
            }
            csv.append(row);
            for (int cell = random.nextInt(3); cell >= 0; cell--) {
                csv.append(',').append(cells[random.nextInt(cells.length)]);
            }
            csv.append(ends[random.nextInt(ends.length)]);
            if (csv.charAt(csv.length() - 1) == '\r' && random.nextBoolean()) {
                csv.append(row).append("-after-cr\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Counts the bytes a reader took from the file. */
    private static final class CountingTable implements TableFile {
        private final TableFile table;
        private long served;

        CountingTable(TableFile table) {
            this.table = table;
        }

        @Override
        public InputStream bytesFrom(long position) throws IOException {
            return new FilterInputStream(table.bytesFrom(position)) {
                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    int read = super.read(bytes, offset, length);
                    served += Math.max(read, 0);
                    return read;
                }
            };
        }

        @Override
        public Optional<RowStart> rowStartAtOrBefore(long row) throws IOException {
            return table.rowStartAtOrBefore(row);
        }

        @Override
        public void close() throws IOException {
            table.close();
        }
    }
}
