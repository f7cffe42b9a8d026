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

    /** One step of a writer in its engine's terms (the engine's own exception left as it is). */
    @FunctionalInterface
    public interface Step<X extends Exception> {
        void run() throws X;
    }

    /**
     * Ends a file's rows: unless the budget is already spent, {@code measure} writes what is pending and
     * measures the index (through {@link #spentAt}); then {@code commit} runs only within the budget.
     * False, with nothing committed, when the budget is spent.
     */
    public <X extends Exception> boolean commitWithin(Step<X> measure, Step<X> commit) throws X {
        if (!spent) {
            measure.run();
        }
        if (spent) {
            return false;
        }
        commit.run();
        return true;
    }
}
