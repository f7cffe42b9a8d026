package app.ret.domain.search;

/**
 * What a file's rows may take of a session's index, as its writer measures it: every
 * {@code rowsBetweenMeasures} rows (a measure asks the engine for its size, too dear for every row)
 * and at the commit. Once a measure is over the budget the file is refused, whatever comes after.
 */
public final class IndexBudget {
    private final long bytes;
    private final int rowsBetweenMeasures;
    private long rows;
    private boolean spent;

    public IndexBudget(long bytes, int rowsBetweenMeasures) {
        if (rowsBetweenMeasures < 1) {
            throw new IllegalArgumentException("a budget is measured every one or more rows");
        }
        this.bytes = bytes;
        this.rowsBetweenMeasures = rowsBetweenMeasures;
    }

    /** Counts a row; true when the index should be measured now. */
    public boolean rowAdded() {
        return ++rows % rowsBetweenMeasures == 0;
    }

    /** Whether the budget is spent, given what the index measures now: true from the first measure over it on. */
    public boolean spentAt(long measuredBytes) {
        spent = spent || measuredBytes > bytes;
        return spent;
    }

    public boolean spent() {
        return spent;
    }
}
