package app.ret.adapters.files.preview;

import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import app.ret.ports.out.TableReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** A page of a UTF-8 CSV file (reads the header, passes over {@code offset} rows keeping nothing, keeps {@code limit}), or its rows one by one. */
public final class StreamingCsvTableReader implements TableReader {
    private static final int BUFFER_CHARS = 1 << 16;

    @Override
    public TablePage page(InputStream csv, PageRequest request) throws IOException {
        CsvRecordReader records = records(csv);
        List<String> columns = records.next().orElse(List.of());
        for (long skipped = 0; skipped < request.offset(); skipped++) {
            if (!records.skip()) {
                return new TablePage(columns, List.of(), request, OptionalLong.of(skipped));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        while (rows.size() < request.limit()) {
            var row = records.next();
            if (row.isEmpty()) {
                break;
            }
            rows.add(row.get());
        }
        OptionalLong total = records.atEnd() ? OptionalLong.of(request.offset() + rows.size()) : OptionalLong.empty();
        return new TablePage(columns, rows, request, total);
    }

    @Override
    public void rows(InputStream csv, RowSink sink) throws IOException {
        CsvRecordReader records = records(csv);
        List<String> columns = records.next().orElse(List.of());
        long number = 0;
        for (var row = records.next(); row.isPresent() && sink.accept(columns, ++number, row.get()); row = records.next()) {
            // Every row goes to the sink; the loop's condition does the work.
        }
    }

    private static CsvRecordReader records(InputStream csv) {
        return new CsvRecordReader(new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8), BUFFER_CHARS));
    }
}
