package app.ret.domain.comparison;

import java.util.List;

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
}
