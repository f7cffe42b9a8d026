package app.ret.adapters.files.workbook;

import app.ret.adapters.files.table.CsvRowReader;
import app.ret.ports.out.WorkbookWriter.CsvSource;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The first pass: how many columns the table has and how wide each should be to show its longest value. */
final class ColumnWidths {
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 80;
    /** Excel measures widths in characters of the default font; a little margin keeps text off the border. */
    private static final int MARGIN = 2;

    private int[] longest = new int[16];
    private int columns;

    static ColumnWidths measure(CsvSource csv) throws IOException {
        ColumnWidths widths = new ColumnWidths();
        try (CsvRowReader rows = new CsvRowReader(csv.open())) {
            for (Optional<List<String>> row = rows.next(); row.isPresent(); row = rows.next()) {
                widths.note(row.get());
            }
        }
        return widths;
    }

    private void note(List<String> row) {
        if (row.size() > longest.length) {
            longest = Arrays.copyOf(longest, Math.max(row.size(), longest.length * 2));
        }
        columns = Math.max(columns, row.size());
        for (int column = 0; column < row.size(); column++) {
            String value = row.get(column);
            longest[column] = Math.max(longest[column], value.codePointCount(0, value.length()));
        }
    }

    int columns() {
        return columns;
    }

    double width(int column) {
        return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest[column] + MARGIN));
    }
}
