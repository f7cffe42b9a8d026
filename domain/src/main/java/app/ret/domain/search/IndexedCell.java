package app.ret.domain.search;

import java.util.Objects;

/** One non-empty cell of an indexed row: its column's name and its value. */
public record IndexedCell(String column, String value) {
    public IndexedCell {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
    }
}
