package app.ret.domain.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data row of a session's file as an index keeps it: the file's path, the row's number (1 is the
 * first row after the header, as a preview's offset 0) and its non-empty cells, in column order.
 */
public record IndexedRow(String path, long row, List<IndexedCell> cells) {
    public IndexedRow {
        Objects.requireNonNull(path, "path");
        if (row < 1) {
            throw new IllegalArgumentException("rows are numbered from 1");
        }
        cells = List.copyOf(cells);
    }

    /** The row's non-empty cells, named by {@code columns} (a cell past the header's end is named by its position, {@code column_7}). */
    public static IndexedRow of(String path, long row, List<String> columns, List<String> values) {
        List<IndexedCell> cells = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (!value.isEmpty()) {
                cells.add(new IndexedCell(i < columns.size() ? columns.get(i) : "column_" + (i + 1), value));
            }
        }
        return new IndexedRow(path, row, cells);
    }

    public List<String> values() {
        return cells.stream().map(IndexedCell::value).toList();
    }

    /** The words an index holds for this row ({@link SearchText#normalized}). */
    public String indexedText() {
        return SearchText.normalized(values());
    }
}
