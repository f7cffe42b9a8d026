package app.ret.ports.out;

import app.ret.domain.comparison.ComparisonOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Compares two conversion CSVs row by row, streaming: tables larger than memory are sorted on
 * disk. With key columns, rows are paired by key and a pair whose shared columns differ is
 * {@code changed}; without, rows are compared whole (a row on one side only is {@code added} or
 * {@code removed}). Writes the comparison CSV: a {@code change} column, the key columns,
 * {@code changed_columns} ({@code ;}-separated) and {@code old:<column>} / {@code new:<column>} for
 * every other column, sorted by key. Duplicate keys are counted and named, their rows never paired.
 */
public interface TableComparer {
    /**
     * Reads both CSVs to their ends (closing them) and writes the comparison to a private scratch
     * file, handed back as a stream that the caller closes (which discards it). A refusal has an
     * empty stream.
     *
     * @throws IOException when reading, spilling or writing fails
     */
    Comparison compare(InputStream left, InputStream right, List<String> key, Progress progress) throws IOException;

    /**
     * How far a comparison got, in rows: both sides are read (and sorted) first, left then right,
     * then walked together once. Told every {@link #PROGRESS_ROWS} rows and at the end of each phase.
     */
    @FunctionalInterface
    interface Progress {
        int PROGRESS_ROWS = 10_000;
        Progress NONE = (leftRead, rightRead, walked) -> { };

        /** Rows read of each side so far, and rows of both sides the walk has taken. */
        void rows(long leftRead, long rightRead, long walked);
    }

    /** The outcome and the comparison CSV's bytes. */
    record Comparison(ComparisonOutcome outcome, InputStream csv) implements AutoCloseable {
        public Comparison {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(csv, "csv");
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }
}
