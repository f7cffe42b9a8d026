package app.ret.adapters.files.comparison;

import app.ret.adapters.files.table.CsvRowReader;
import app.ret.adapters.files.table.CsvRowWriter;
import app.ret.domain.comparison.ComparisonOutcome;
import app.ret.domain.comparison.ComparisonRefusal;
import app.ret.domain.comparison.ComparisonSummary;
import app.ret.ports.out.TableComparer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TableComparer} by sort-merge: both sides are sorted on the pairing key ({@link SortedRows},
 * on disk beyond the memory budget) and walked together once. Without key columns, rows pair when
 * every column both sides have is equal, one to one. Heap use depends on the budget and the number
 * of columns, never on the number of rows.
 */
public final class ExternalSortComparer implements TableComparer {
    private static final String CHANGE = "change";
    private static final String CHANGED_COLUMNS = "changed_columns";

    private final Path scratchDirectory;
    private final long sortBudgetBytes;

    /** Sorts up to an eighth of the maximum heap in memory per side. */
    public ExternalSortComparer(Path scratchDirectory) {
        this(scratchDirectory, Runtime.getRuntime().maxMemory() / 8);
    }

    public ExternalSortComparer(Path scratchDirectory, long sortBudgetBytes) {
        this.scratchDirectory = Objects.requireNonNull(scratchDirectory, "scratchDirectory");
        if (sortBudgetBytes < 1) {
            throw new IllegalArgumentException("the sort budget must be positive");
        }
        this.sortBudgetBytes = sortBudgetBytes;
    }

    @Override
    public Comparison compare(InputStream left, InputStream right, List<String> key, Progress progress) throws IOException {
        Path written = Files.createTempFile(scratchDirectory, "ret-compare-", ".csv");
        try {
            ComparisonOutcome outcome;
            try (OutputStream out = Files.newOutputStream(written)) {
                outcome = compare(left, right, key, out, new RowCounts(progress));
            }
            if (outcome instanceof ComparisonRefusal) {
                Files.delete(written);
                return new Comparison(outcome, InputStream.nullInputStream());
            }
            return new Comparison(outcome, Files.newInputStream(written, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(written);
            throw e;
        }
    }

    private ComparisonOutcome compare(InputStream left, InputStream right, List<String> key, OutputStream out, RowCounts counts)
            throws IOException {
        try (CsvRowReader leftRows = new CsvRowReader(left); CsvRowReader rightRows = new CsvRowReader(right)) {
            List<String> leftHeader = leftRows.next().orElse(List.of());
            List<String> rightHeader = rightRows.next().orElse(List.of());
            for (String column : key) {
                if (!leftHeader.contains(column)) {
                    return ComparisonRefusal.unknownKeyColumn(column, "left");
                }
                if (!rightHeader.contains(column)) {
                    return ComparisonRefusal.unknownKeyColumn(column, "right");
                }
            }
            Layout layout = Layout.of(leftHeader, rightHeader, key);
            Comparator<String[]> order = layout.pairingOrder();
            try (SortedRows sortedLeft = SortedRows.sort(leftRows, layout.positions(leftHeader), layout.size(), order, scratchDirectory,
                    sortBudgetBytes, counts::leftRead);
                 SortedRows sortedRight = SortedRows.sort(rightRows, layout.positions(rightHeader), layout.size(), order,
                         scratchDirectory, sortBudgetBytes, counts::rightRead)) {
                counts.report();
                ComparisonSummary summary = new Walk(layout, order, new CsvRowWriter(out), counts).run(sortedLeft, sortedRight);
                counts.report();
                return summary;
            }
        }
    }

    /** The union of both sides' columns (left's order, then right's own), and which of them pair and compare rows. */
    private record Layout(List<String> union, int[] keyPositions, int[] pairingPositions, int[] valuePositions, boolean[] shared,
                          List<String> onlyLeft, List<String> onlyRight) {
        static Layout of(List<String> leftHeader, List<String> rightHeader, List<String> key) {
            Map<String, Integer> positions = new LinkedHashMap<>();
            leftHeader.forEach(column -> positions.putIfAbsent(column, positions.size()));
            rightHeader.forEach(column -> positions.putIfAbsent(column, positions.size()));
            List<String> union = List.copyOf(positions.keySet());
            boolean[] shared = new boolean[union.size()];
            List<String> onlyLeft = new ArrayList<>();
            List<String> onlyRight = new ArrayList<>();
            List<Integer> common = new ArrayList<>();
            for (int i = 0; i < union.size(); i++) {
                String column = union.get(i);
                shared[i] = leftHeader.contains(column) && rightHeader.contains(column);
                if (shared[i]) {
                    common.add(i);
                } else if (leftHeader.contains(column)) {
                    onlyLeft.add(column);
                } else {
                    onlyRight.add(column);
                }
            }
            int[] keyPositions = key.stream().mapToInt(positions::get).toArray();
            int[] pairing = key.isEmpty() ? common.stream().mapToInt(Integer::intValue).toArray() : keyPositions;
            int[] values = java.util.stream.IntStream.range(0, union.size()).filter(i -> !key.contains(union.get(i))).toArray();
            return new Layout(union, keyPositions, pairing, values, shared, onlyLeft, onlyRight);
        }

        int size() {
            return union.size();
        }

        boolean keyed() {
            return keyPositions.length > 0;
        }

        int[] positions(List<String> header) {
            return header.stream().mapToInt(union::indexOf).toArray();
        }

        Comparator<String[]> pairingOrder() {
            return (a, b) -> {
                for (int position : pairingPositions) {
                    int compared = a[position].compareTo(b[position]);
                    if (compared != 0) {
                        return compared;
                    }
                }
                return 0;
            };
        }

        List<String> header() {
            List<String> header = new ArrayList<>();
            header.add(CHANGE);
            for (int position : keyPositions) {
                header.add(union.get(position));
            }
            header.add(CHANGED_COLUMNS);
            for (int position : valuePositions) {
                header.add("old:" + union.get(position));
                header.add("new:" + union.get(position));
            }
            return header;
        }
    }

    /** The rows read of each side and walked, told to the progress every {@link Progress#PROGRESS_ROWS} of them. */
    private static final class RowCounts {
        private final Progress progress;
        private long leftRead;
        private long rightRead;
        private long walked;

        RowCounts(Progress progress) {
            this.progress = progress;
        }

        void leftRead() {
            leftRead++;
            reportEvery();
        }

        void rightRead() {
            rightRead++;
            reportEvery();
        }

        void walked(long rows) {
            long before = walked;
            walked += rows;
            if (before / Progress.PROGRESS_ROWS != walked / Progress.PROGRESS_ROWS) {
                report();
            }
        }

        private void reportEvery() {
            if ((leftRead + rightRead) % Progress.PROGRESS_ROWS == 0) {
                report();
            }
        }

        void report() {
            progress.rows(leftRead, rightRead, walked);
        }
    }

    /** One pass over both sorted sides, writing every difference as it is found. */
    private static final class Walk {
        private final Layout layout;
        private final Comparator<String[]> order;
        private final CsvRowWriter out;
        private final RowCounts counts;
        private final List<String> examples = new ArrayList<>();
        private long added;
        private long removed;
        private long changed;
        private long unchanged;
        private long duplicateLeft;
        private long duplicateRight;

        Walk(Layout layout, Comparator<String[]> order, CsvRowWriter out, RowCounts counts) {
            this.layout = layout;
            this.order = order;
            this.out = out;
            this.counts = counts;
        }

        ComparisonSummary run(SortedRows left, SortedRows right) throws IOException {
            List<String> header = layout.header();
            out.row(header);
            while (left.peek().isPresent() || right.peek().isPresent()) {
                counts.walked(left.taken() + right.taken() - counts.walked);
                Optional<String[]> a = left.peek();
                Optional<String[]> b = right.peek();
                int compared = a.isEmpty() ? 1 : b.isEmpty() ? -1 : order.compare(a.get(), b.get());
                if (!layout.keyed()) {
                    pairWhole(left, right, compared);
                } else if (compared < 0) {
                    String[] row = left.next();
                    if (skipSameKey(left, row) > 0) {
                        duplicate(row, true, false);
                    } else {
                        write("removed", row, null, List.of());
                    }
                } else if (compared > 0) {
                    String[] row = right.next();
                    if (skipSameKey(right, row) > 0) {
                        duplicate(row, false, true);
                    } else {
                        write("added", null, row, List.of());
                    }
                } else {
                    String[] oldRow = left.next();
                    String[] newRow = right.next();
                    boolean repeatedLeft = skipSameKey(left, oldRow) > 0;
                    boolean repeatedRight = skipSameKey(right, newRow) > 0;
                    if (repeatedLeft || repeatedRight) {
                        duplicate(oldRow, repeatedLeft, repeatedRight);
                    } else {
                        pair(oldRow, newRow);
                    }
                }
            }
            counts.walked(left.taken() + right.taken() - counts.walked);
            long bytes = out.finish();
            return new ComparisonSummary(added, removed, changed, unchanged, duplicateLeft, duplicateRight, examples, layout.onlyLeft(),
                    layout.onlyRight(), header.size(), bytes);
        }

        private void pairWhole(SortedRows left, SortedRows right, int compared) throws IOException {
            if (compared == 0) {
                left.next();
                right.next();
                unchanged++;
            } else if (compared < 0) {
                write("removed", left.next(), null, List.of());
            } else {
                write("added", null, right.next(), List.of());
            }
        }

        /** Takes the rows right after {@code first} that have its key; returns how many. */
        private long skipSameKey(SortedRows rows, String[] first) throws IOException {
            long skipped = 0;
            while (rows.peek().isPresent() && order.compare(rows.peek().get(), first) == 0) {
                rows.next();
                skipped++;
            }
            return skipped;
        }

        private void duplicate(String[] row, boolean onLeft, boolean onRight) {
            duplicateLeft += onLeft ? 1 : 0;
            duplicateRight += onRight ? 1 : 0;
            if (examples.size() < ComparisonSummary.MAX_EXAMPLES) {
                List<String> values = new ArrayList<>();
                for (int position : layout.keyPositions()) {
                    values.add(row[position]);
                }
                examples.add(String.join(ComparisonSummary.KEY_SEPARATOR, values));
            }
        }

        private void pair(String[] oldRow, String[] newRow) throws IOException {
            List<String> differing = new ArrayList<>();
            for (int position : layout.valuePositions()) {
                if (layout.shared()[position] && !oldRow[position].equals(newRow[position])) {
                    differing.add(layout.union().get(position));
                }
            }
            if (differing.isEmpty()) {
                unchanged++;
            } else {
                write("changed", oldRow, newRow, differing);
            }
        }

        /** A removed row has only old values, an added one only new ones, a changed one both for the columns that changed. */
        private void write(String change, String[] oldRow, String[] newRow, List<String> differing) throws IOException {
            switch (change) {
                case "added" -> added++;
                case "removed" -> removed++;
                default -> changed++;
            }
            String[] keySource = oldRow != null ? oldRow : newRow;
            List<String> row = new ArrayList<>();
            row.add(change);
            for (int position : layout.keyPositions()) {
                row.add(keySource[position]);
            }
            row.add(String.join(";", differing));
            for (int position : layout.valuePositions()) {
                boolean shown = differing.isEmpty() || differing.contains(layout.union().get(position));
                row.add(oldRow != null && shown ? oldRow[position] : "");
                row.add(newRow != null && shown ? newRow[position] : "");
            }
            out.row(row);
        }
    }
}
