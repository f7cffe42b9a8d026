package app.ret.adapters.files.comparison;

import app.ret.adapters.files.table.CsvRowReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The rows of one CSV in the comparison's order, each laid out over the union of both sides'
 * columns. Rows are sorted in memory up to a budget of bytes; beyond it they go to sorted run files
 * that are merged (at most {@link #FAN_IN} at once) as they are read. Equal rows keep their input
 * order, so the result is deterministic. Closing deletes the runs.
 */
final class SortedRows implements AutoCloseable {
    static final int FAN_IN = 64;
    /** Per value: the String and its array headers, on a 64-bit JVM with compressed pointers. */
    private static final int VALUE_OVERHEAD = 56;

    private final List<RunFile> runs;
    private final PriorityQueue<Cursor> heads;
    private final List<String[]> inMemory;
    private int nextInMemory;
    private long taken;

    private SortedRows(Comparator<String[]> order, List<RunFile> runs, List<String[]> inMemory) throws IOException {
        this.runs = runs;
        this.inMemory = inMemory;
        this.heads = new PriorityQueue<>(Comparator.<Cursor, String[]>comparing(Cursor::row, order).thenComparingInt(Cursor::index));
        for (int i = 0; i < runs.size(); i++) {
            Cursor cursor = new Cursor(runs.get(i).reader(), i);
            if (cursor.advance()) {
                heads.add(cursor);
            }
        }
    }

    /**
     * Sorts the remaining rows of {@code rows}; {@code unionPosition[i]} is where the i-th column of
     * this side goes among the {@code unionSize} columns; {@code eachRow} runs once per row read.
     */
    static SortedRows sort(CsvRowReader rows, int[] unionPosition, int unionSize, Comparator<String[]> order, Path scratch,
                           long budgetBytes, Runnable eachRow) throws IOException {
        List<RunFile> runs = new ArrayList<>();
        List<String[]> batch = new ArrayList<>();
        long batchBytes = 0;
        try {
            for (Optional<List<String>> row = rows.next(); row.isPresent(); row = rows.next()) {
                String[] laidOut = new String[unionSize];
                Arrays.fill(laidOut, "");
                List<String> values = row.get();
                for (int i = 0; i < values.size() && i < unionPosition.length; i++) {
                    laidOut[unionPosition[i]] = values.get(i);
                    batchBytes += VALUE_OVERHEAD + 2L * values.get(i).length();
                }
                batch.add(laidOut);
                eachRow.run();
                if (batchBytes > budgetBytes) {
                    batch.sort(order);
                    runs.add(RunFile.write(scratch, batch));
                    batch.clear();
                    batchBytes = 0;
                }
            }
            batch.sort(order);
            if (runs.isEmpty()) {
                return new SortedRows(order, List.of(), batch);
            }
            if (!batch.isEmpty()) {
                runs.add(RunFile.write(scratch, batch));
            }
            return new SortedRows(order, mergeDownTo(FAN_IN, runs, order, scratch), List.of());
        } catch (IOException | RuntimeException e) {
            runs.forEach(RunFile::delete);
            throw e;
        }
    }

    /** Merges groups of runs into longer runs until at most {@code fanIn} are left. */
    private static List<RunFile> mergeDownTo(int fanIn, List<RunFile> runs, Comparator<String[]> order, Path scratch) throws IOException {
        List<RunFile> current = runs;
        while (current.size() > fanIn) {
            List<RunFile> next = new ArrayList<>();
            for (int start = 0; start < current.size(); start += fanIn) {
                List<RunFile> group = current.subList(start, Math.min(start + fanIn, current.size()));
                try (SortedRows merged = new SortedRows(order, List.copyOf(group), List.of())) {
                    next.add(RunFile.write(scratch, merged));
                }
            }
            current = next;
        }
        return current;
    }

    /** The next row without taking it; empty after the last. */
    Optional<String[]> peek() {
        if (runs.isEmpty()) {
            return nextInMemory < inMemory.size() ? Optional.of(inMemory.get(nextInMemory)) : Optional.empty();
        }
        Cursor head = heads.peek();
        return head == null ? Optional.empty() : Optional.of(head.row());
    }

    /** How many rows {@link #next} has taken. */
    long taken() {
        return taken;
    }

    /** Takes the next row; call only after {@link #peek} found one. */
    String[] next() throws IOException {
        taken++;
        if (runs.isEmpty()) {
            return inMemory.get(nextInMemory++);
        }
        Cursor head = heads.remove();
        String[] row = head.row();
        if (head.advance()) {
            heads.add(head);
        }
        return row;
    }

    @Override
    public void close() {
        heads.forEach(Cursor::close);
        runs.forEach(RunFile::delete);
    }

    /** The current row of one run. */
    private static final class Cursor {
        private final RunFile.Reader reader;
        private final int index;
        private String[] row;

        Cursor(RunFile.Reader reader, int index) {
            this.reader = reader;
            this.index = index;
        }

        boolean advance() throws IOException {
            Optional<String[]> next = reader.next();
            if (next.isEmpty()) {
                reader.close();
                return false;
            }
            row = next.get();
            return true;
        }

        String[] row() {
            return row;
        }

        int index() {
            return index;
        }

        void close() {
            reader.close();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the sort run " + file.getFileName(), e);
        }
    }
}
