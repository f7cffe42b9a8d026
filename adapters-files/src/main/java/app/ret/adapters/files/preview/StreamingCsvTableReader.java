package app.ret.adapters.files.preview;

import app.ret.adapters.files.table.CsvRowReader;
import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.RowStart;
import app.ret.domain.preview.TablePage;
import app.ret.ports.out.TableFile;
import app.ret.ports.out.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A page of a UTF-8 CSV file (reads the header, passes over {@code offset} rows keeping nothing,
 * keeps {@code limit}; with a row index, the rows before the nearest indexed row are not read at
 * all), or its rows one by one, through {@link CsvRowReader}. Memory stays bounded whatever the
 * input: a cell keeps its first {@link #MAX_CELL_CHARS} characters and a row its first
 * {@link #MAX_COLUMNS} cells.
 */
public final class StreamingCsvTableReader implements TableReader {
    static final int MAX_CELL_CHARS = 10_000;
    static final int MAX_COLUMNS = 10_000;
    /** Far less than an index's spacing: the header and the last rows of an indexed stretch stay cheap to read. */
    private static final int INDEXED_BUFFER_BYTES = 1 << 13;

    @Override
    public TablePage page(InputStream csv, PageRequest request) throws IOException {
        CsvRowReader records = records(csv);
        List<String> columns = records.next().orElse(List.of());
        return rowsFrom(records, 0, columns, request);
    }

    @Override
    public TablePage page(TableFile table, PageRequest request) throws IOException {
        Optional<RowStart> start = request.offset() == 0 ? Optional.empty() : table.rowStartAtOrBefore(request.offset());
        if (start.isEmpty()) {
            return page(table.bytesFrom(0), request);
        }
        List<String> columns = indexedRecords(table.bytesFrom(0)).next().orElse(List.of());
        return rowsFrom(indexedRecords(table.bytesFrom(start.get().position())), start.get().row(), columns, request);
    }

    @Override
    public void rows(InputStream csv, RowSink sink) throws IOException {
        CsvRowReader records = records(csv);
        List<String> columns = records.next().orElse(List.of());
        long number = 0;
        for (Optional<List<String>> row = records.next(); row.isPresent() && sink.accept(columns, ++number, row.get());
             row = records.next()) {
            // Every row goes to the sink; the loop's condition does the work.
        }
    }

    /** The page, reading on from data row {@code row}, where {@code records} stands. */
    private static TablePage rowsFrom(CsvRowReader records, long row, List<String> columns, PageRequest request) throws IOException {
        for (long skipped = row; skipped < request.offset(); skipped++) {
            if (!records.skip()) {
                return new TablePage(columns, List.of(), request, OptionalLong.of(skipped));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        while (rows.size() < request.limit()) {
            Optional<List<String>> next = records.next();
            if (next.isEmpty()) {
                break;
            }
            rows.add(next.get());
        }
        OptionalLong total = records.atEnd() ? OptionalLong.of(request.offset() + rows.size()) : OptionalLong.empty();
        return new TablePage(columns, rows, request, total);
    }

    /** The caller closes {@code csv}; the reader is not closed, so it is not either. */
    private static CsvRowReader records(InputStream csv) {
        return CsvRowReader.bounded(csv, MAX_CELL_CHARS, MAX_COLUMNS);
    }

    private static CsvRowReader indexedRecords(InputStream csv) {
        return CsvRowReader.bounded(csv, MAX_CELL_CHARS, MAX_COLUMNS, INDEXED_BUFFER_BYTES);
    }
}
