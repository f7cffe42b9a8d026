package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveBudgetTest {
    private static final ArchiveLimits LIMITS = new ArchiveLimits(10, 1000, 20, 3);

    @Test
    void entriesAreCountedOverEveryArchive() {
        ArchiveBudget budget = new ArchiveBudget(LIMITS);
        assertThat(budget.entries(6)).isEmpty();
        assertThat(budget.entries(4)).isEmpty();
        assertThat(budget.entries(1)).contains(ArchiveProblem.TOO_MANY_ENTRIES);
    }

    @Test
    void nestingStopsBelowTheMaximumDepth() {
        ArchiveBudget budget = new ArchiveBudget(LIMITS);
        assertThat(budget.nest(3)).isEmpty();
        assertThat(budget.nest(4)).contains(ArchiveProblem.NESTED_TOO_DEEP);
    }

    @Test
    void anEntryMayInflateUpToTheRatioAndNoFurther() {
        ArchiveBudget.Entry entry = new ArchiveBudget(LIMITS).entry(10);
        assertThat(entry.inflated(150)).isEmpty();
        assertThat(entry.inflated(50)).isEmpty();
        assertThat(entry.inflated(1)).contains(ArchiveProblem.RATIO);
    }

    @Test
    void anEntryThatStoresNothingMayInflateNothing() {
        ArchiveBudget.Entry entry = new ArchiveBudget(LIMITS).entry(0);
        assertThat(entry.inflated(0)).isEmpty();
        assertThat(entry.inflated(1)).contains(ArchiveProblem.RATIO);
    }

    @Test
    void theTotalCountsEveryEntry() {
        ArchiveBudget budget = new ArchiveBudget(LIMITS);
        assertThat(budget.entry(100).inflated(600)).isEmpty();
        ArchiveBudget.Entry second = budget.entry(100);
        assertThat(second.inflated(400)).isEmpty();
        assertThat(second.inflated(1)).contains(ArchiveProblem.TOO_MANY_BYTES);
    }
}
