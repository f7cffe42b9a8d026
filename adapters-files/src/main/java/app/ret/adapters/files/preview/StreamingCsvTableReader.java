package app.ret.adapters.files.preview;

import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.RowStart;
import app.ret.domain.preview.TablePage;
import app.ret.ports.out.TableFile;
import app.ret.ports.out.TableReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page of a UTF-8 CSV file: reads the header, passes over {@code offset} rows keeping nothing, keeps {@code limit}.
 * With a row index, the rows before the nearest indexed row are not read at all.
 */
public final class StreamingCsvTableReader implements TableReader {
    private static final int BUFFER_CHARS = 1 << 16;
    /** Far less than an index's spacing: reading the last rows of an indexed stretch stays cheap. */
    private static final int INDEXED_BUFFER_CHARS = 1 << 13;

    @Override
    public TablePage page(InputStream csv, PageRequest request) throws IOException {
        CsvRecordReader records = records(csv, BUFFER_CHARS, true);
        List<String> columns = records.next().orElse(List.of());
        return rowsFrom(records, 0, columns, request);
    }

    @Override
    public TablePage page(TableFile table, PageRequest request) throws IOException {
        Optional<RowStart> start = request.offset() == 0 ? Optional.empty() : table.rowStartAtOrBefore(request.offset());
        if (start.isEmpty()) {
            return page(table.bytesFrom(0), request);
        }
        List<String> columns = records(table.bytesFrom(0), INDEXED_BUFFER_CHARS, true).next().orElse(List.of());
        CsvRecordReader records = records(table.bytesFrom(start.get().position()), BUFFER_CHARS, false);
        return rowsFrom(records, start.get().row(), columns, request);
    }

    private static CsvRecordReader records(InputStream csv, int bufferChars, boolean atFileStart) {
        return new CsvRecordReader(new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), bufferChars), atFileStart);
    }

    /** The page, reading on from data row {@code row}, where {@code records} stands. */
    private static TablePage rowsFrom(CsvRecordReader records, long row, List<String> columns, PageRequest request) throws IOException {
        for (long skipped = row; skipped < request.offset(); skipped++) {
            if (!records.skip()) {
                return new TablePage(columns, List.of(), request, OptionalLong.of(skipped));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        while (rows.size() < request.limit()) {
            var next = records.next();
            if (next.isEmpty()) {
                break;
            }
            rows.add(next.get());
        }
        OptionalLong total = records.atEnd() ? OptionalLong.of(request.offset() + rows.size()) : OptionalLong.empty();
        return new TablePage(columns, rows, request, total);
    }
}
