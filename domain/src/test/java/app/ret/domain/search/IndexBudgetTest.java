package app.ret.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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
    void aCommitMeasuresOnceMoreAndCommitsOnlyWithinTheBudget() {
        List<String> steps = new ArrayList<>();
        IndexBudget within = new IndexBudget(1_000, 3);
        assertThat(within.commitWithin(() -> steps.add("measured " + within.spentAt(900)), () -> steps.add("committed"))).isTrue();
        assertThat(steps).containsExactly("measured false", "committed");

        steps.clear();
        IndexBudget overAtTheEnd = new IndexBudget(1_000, 3);
        assertThat(overAtTheEnd.commitWithin(() -> steps.add("measured " + overAtTheEnd.spentAt(1_001)), () -> steps.add("committed"))).isFalse();
        assertThat(steps).containsExactly("measured true");

        steps.clear();
        IndexBudget spentBefore = new IndexBudget(1_000, 3);
        spentBefore.spentAt(5_000);
        assertThat(spentBefore.commitWithin(() -> steps.add("measured"), () -> steps.add("committed"))).isFalse();
        assertThat(steps).isEmpty();
    }

    @Test
    void aBudgetNeedsRowsBetweenItsMeasures() {
        assertThatThrownBy(() -> new IndexBudget(1_000, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
