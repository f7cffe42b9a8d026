package app.ret.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexBudgetTest {
    @Test
    void aWriterMeasuresEveryNthRowOnly() {
        IndexBudget budget = new IndexBudget(1_000, 3);

        assertThat(budget.rowAdded()).isFalse();
        assertThat(budget.rowAdded()).isFalse();
        assertThat(budget.rowAdded()).isTrue();
        assertThat(budget.rowAdded()).isFalse();
        assertThat(budget.rowAdded()).isFalse();
        assertThat(budget.rowAdded()).isTrue();
    }

    @Test
    void theBudgetIsSpentOnceAMeasureGoesOverItAndStaysSpent() {
        IndexBudget budget = new IndexBudget(1_000, 3);

        assertThat(budget.spentAt(1_000)).isFalse();
        assertThat(budget.spent()).isFalse();
        assertThat(budget.spentAt(1_001)).isTrue();
        assertThat(budget.spentAt(10)).as("a file over the budget stays refused").isTrue();
        assertThat(budget.spent()).isTrue();
    }

    @Test
    void aBudgetNeedsRowsBetweenItsMeasures() {
        assertThatThrownBy(() -> new IndexBudget(1_000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
