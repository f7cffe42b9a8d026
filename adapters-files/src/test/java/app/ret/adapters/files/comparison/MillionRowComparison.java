package app.ret.adapters.files.comparison;

import app.ret.adapters.files.SmallHeapJvm;
import app.ret.domain.comparison.ComparisonOutcome;
import app.ret.domain.comparison.ComparisonSummary;
import app.ret.ports.out.TableComparer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a JVM of its own with a small heap: compares two CSVs of a million rows each, in
 * different orders, where every 1000th row was removed, every 1000th changed and 500 rows added.
 * Prints the summary; far more rows than the heap could hold sorted in memory.
 */
public final class MillionRowComparison {
    static final int ROWS = 1_000_000;

    private MillionRowComparison() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        Path left = directory.resolve("left.csv");
        Path right = directory.resolve("right.csv");
        try (Writer l = Files.newBufferedWriter(left, StandardCharsets.UTF_8); Writer r = Files.newBufferedWriter(right, StandardCharsets.UTF_8)) {
            l.write("doi,title,year\r\n");
            r.write("doi,title,year\r\n");
            for (int n = 0; n < ROWS; n++) {
                int i = (int) ((n * 7_919L) % ROWS);
                l.write("10.5555/" + i + ",Title of work " + i + "," + (1900 + i % 120) + "\r\n");
                int j = ROWS - 1 - n;
                if (j % 1000 == 1) {
                    r.write("10.5555/" + j + ",Title of work " + j + " (revised)," + (1900 + j % 120) + "\r\n");
                } else if (j % 1000 != 0) {
                    r.write("10.5555/" + j + ",Title of work " + j + "," + (1900 + j % 120) + "\r\n");
                }
            }
            for (int k = 0; k < 500; k++) {
                r.write("10.6666/" + k + ",New work " + k + ",2026\r\n");
            }
        }
        ComparisonOutcome outcome;
        try (InputStream l = Files.newInputStream(left); InputStream r = Files.newInputStream(right);
             TableComparer.Comparison comparison = new ExternalSortComparer(directory)
                     .compare(l, r, List.of("doi"), TableComparer.Progress.NONE)) {
            outcome = comparison.outcome();
            Files.copy(comparison.csv(), directory.resolve("compare.csv"));
        }
        ComparisonSummary summary = (ComparisonSummary) outcome;
        System.out.println("added=" + summary.added() + " removed=" + summary.removed() + " changed=" + summary.changed()
                + " unchanged=" + summary.unchanged() + " duplicates=" + (summary.duplicateKeysLeft() + summary.duplicateKeysRight()));
        try (var lines = Files.lines(directory.resolve("compare.csv"))) {
            System.out.println("lines=" + lines.count());
        }
        System.out.println("peak-heap-mb " + SmallHeapJvm.peakHeapMegabytes());
    }
}
