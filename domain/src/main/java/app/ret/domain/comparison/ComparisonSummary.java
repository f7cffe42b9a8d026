package app.ret.domain.comparison;

import app.ret.domain.job.JobParameters;
import java.util.List;
import java.util.Optional;

/**
 * What comparing two conversions found: rows only on the right ({@code added}), only on the left
 * ({@code removed}), with the same key but other values ({@code changed}) or equal; the distinct
 * keys that occur more than once on a side (those rows are reported, never paired), up to {@link
 * #MAX_EXAMPLES} of them, and the columns only one side has. {@code rows} and {@code columns} are
 * those of the comparison CSV.
 */
public record ComparisonSummary(long added, long removed, long changed, long unchanged, long duplicateKeysLeft,
                                long duplicateKeysRight, List<String> duplicateKeyExamples, List<String> columnsOnlyLeft,
                                List<String> columnsOnlyRight, int columns, long bytes) implements ComparisonOutcome {
    public static final int MAX_EXAMPLES = 10;
    /** Separates the values of a key of several columns in {@link #duplicateKeyExamples}. */
    public static final String KEY_SEPARATOR = " | ";
    private static final String ADDED = "added";
    private static final String REMOVED = "removed";
    private static final String CHANGED = "changed";
    private static final String UNCHANGED = "unchanged";
    private static final String DUPLICATE_KEYS_LEFT = "duplicate_keys_left";
    private static final String DUPLICATE_KEYS_RIGHT = "duplicate_keys_right";
    private static final String DUPLICATE_KEY_EXAMPLES = "duplicate_key_examples";
    private static final String COLUMNS_ONLY_LEFT = "columns_only_left";
    private static final String COLUMNS_ONLY_RIGHT = "columns_only_right";
    private static final String COLUMNS = "columns";
    private static final String BYTES = "bytes";

    public ComparisonSummary {
        if (added < 0 || removed < 0 || changed < 0 || unchanged < 0 || duplicateKeysLeft < 0 || duplicateKeysRight < 0
                || columns < 1 || bytes < 0) {
            throw new IllegalArgumentException("comparison counts cannot be negative");
        }
        duplicateKeyExamples = List.copyOf(duplicateKeyExamples);
        if (duplicateKeyExamples.size() > MAX_EXAMPLES) {
            throw new IllegalArgumentException("at most " + MAX_EXAMPLES + " duplicate keys are named");
        }
        columnsOnlyLeft = List.copyOf(columnsOnlyLeft);
        columnsOnlyRight = List.copyOf(columnsOnlyRight);
    }

    /** Data rows of the comparison CSV: one per added, removed or changed row. */
    public long rows() {
        return added + removed + changed;
    }

    /** This summary as a job result's summary, which job stores keep without knowing what it means. */
    public JobParameters asJobSummary() {
        return JobParameters.of(ADDED, Long.toString(added))
                .with(REMOVED, Long.toString(removed))
                .with(CHANGED, Long.toString(changed))
                .with(UNCHANGED, Long.toString(unchanged))
                .with(DUPLICATE_KEYS_LEFT, Long.toString(duplicateKeysLeft))
                .with(DUPLICATE_KEYS_RIGHT, Long.toString(duplicateKeysRight))
                .with(DUPLICATE_KEY_EXAMPLES, duplicateKeyExamples)
                .with(COLUMNS_ONLY_LEFT, columnsOnlyLeft)
                .with(COLUMNS_ONLY_RIGHT, columnsOnlyRight)
                .with(COLUMNS, Integer.toString(columns))
                .with(BYTES, Long.toString(bytes));
    }

    /** The summary a comparison job left in its result; empty for any other summary. */
    public static Optional<ComparisonSummary> fromJobSummary(JobParameters summary) {
        if (summary.single(ADDED).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ComparisonSummary(count(summary, ADDED), count(summary, REMOVED), count(summary, CHANGED),
                count(summary, UNCHANGED), count(summary, DUPLICATE_KEYS_LEFT), count(summary, DUPLICATE_KEYS_RIGHT),
                summary.all(DUPLICATE_KEY_EXAMPLES), summary.all(COLUMNS_ONLY_LEFT), summary.all(COLUMNS_ONLY_RIGHT),
                (int) count(summary, COLUMNS), count(summary, BYTES)));
    }

    private static long count(JobParameters summary, String name) {
        return Long.parseLong(summary.single(name).orElse("0"));
    }
}
