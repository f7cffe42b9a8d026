package app.ret.domain.preview;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Some rows of a table with its header. {@code totalRows} is known only when the reading reached
 * the table's end (a page near the end, or an offset past it); finding it otherwise would mean
 * reading the whole table.
 */
public record TablePage(List<String> columns, List<List<String>> rows, PageRequest request, OptionalLong totalRows) {
    public TablePage {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(totalRows, "totalRows");
        if (rows.size() > request.limit()) {
            throw new IllegalArgumentException("a page holds at most its limit of rows");
        }
    }
}
