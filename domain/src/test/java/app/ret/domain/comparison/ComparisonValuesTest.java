package app.ret.domain.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.files.FileKind;
import app.ret.domain.files.FileName;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.JobParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonValuesTest {
    private static ComparisonSummary summary(long added, long removed, long changed, List<String> examples) {
        return new ComparisonSummary(added, removed, changed, 7, 1, 2, examples, List.of("only_left"), List.of("only_right", "x"), 5, 1234);
    }

    @Test
    void theComparisonCsvHasOneRowPerAddedRemovedOrChangedRow() {
        assertThat(summary(3, 4, 5, List.of()).rows()).isEqualTo(12);
        assertThat(summary(0, 0, 0, List.of()).rows()).isZero();
    }

    @Test
    void aSummarySurvivesTheJobStoreUnchanged() {
        ComparisonSummary original = summary(3, 4, 5, List.of("k1 | a", "k2 | b"));

        JobParameters stored = original.asJobSummary();

        assertThat(stored.single("added")).contains("3");
        assertThat(stored.all("columns_only_right")).containsExactly("only_right", "x");
        assertThat(ComparisonSummary.fromJobSummary(stored)).contains(original);
    }

    @Test
    void theSummaryOfAnotherKindOfJobIsNoComparison() {
        assertThat(ComparisonSummary.fromJobSummary(JobParameters.of("rows", "10"))).isEmpty();
        assertThat(ComparisonSummary.fromJobSummary(JobParameters.NONE)).isEmpty();
    }

    @Test
    void countsMayBeZeroButNeverNegative() {
        assertThat(new ComparisonSummary(0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), 1, 0).columns()).isEqualTo(1);
        long[][] negatives = {
            {-1, 0, 0, 0, 0, 0, 1, 0}, {0, -1, 0, 0, 0, 0, 1, 0}, {0, 0, -1, 0, 0, 0, 1, 0}, {0, 0, 0, -1, 0, 0, 1, 0},
            {0, 0, 0, 0, -1, 0, 1, 0}, {0, 0, 0, 0, 0, -1, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 1, -1}};
        for (long[] n : negatives) {
            assertThatThrownBy(() -> new ComparisonSummary(n[0], n[1], n[2], n[3], n[4], n[5], List.of(), List.of(), List.of(), (int) n[6], n[7]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void atMostTenDuplicateKeysAreNamed() {
        List<String> ten = Collections.nCopies(ComparisonSummary.MAX_EXAMPLES, "k");
        assertThat(summary(0, 0, 0, ten).duplicateKeyExamples()).hasSize(10);
        List<String> eleven = Collections.nCopies(ComparisonSummary.MAX_EXAMPLES + 1, "k");
        assertThatThrownBy(() -> summary(0, 0, 0, eleven)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theListsAreTheSummarysOwn() {
        List<String> examples = new ArrayList<>(List.of("a"));
        ComparisonSummary summary = summary(1, 0, 0, examples);
        examples.add("b");
        assertThat(summary.duplicateKeyExamples()).containsExactly("a");
    }

    @Test
    void aRefusalHasACodeAndAMessage() {
        ComparisonRefusal refusal = ComparisonRefusal.unknownKeyColumn("doi", "left");
        assertThat(refusal.code()).isEqualTo("unknown_key_column");
        assertThat(refusal.message()).isEqualTo("the key column \"doi\" is not a column of the left file");
        for (String[] bad : new String[][] {{null, "m"}, {" ", "m"}, {"c", null}, {"c", " "}}) {
            assertThatThrownBy(() -> new ComparisonRefusal(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyCsvOutputsAreComparable() {
        assertThat(ComparisonTarget.comparable(WorkspacePath.parse("output/a/b.csv").orElseThrow())).isTrue();
        assertThat(ComparisonTarget.comparable(WorkspacePath.parse("input/b.csv").orElseThrow())).isFalse();
        assertThat(ComparisonTarget.comparable(WorkspacePath.parse("output/b.xlsx").orElseThrow())).isFalse();
    }

    @Test
    void theComparisonIsWrittenToTheTopOfTheOutputsNamedAfterBothStems() {
        WorkspacePath target = ComparisonTarget.outputFor(WorkspacePath.parse("output/x/2025.csv").orElseThrow(),
                WorkspacePath.parse("output/2026.csv").orElseThrow());
        assertThat(target).isEqualTo(WorkspacePath.of(FileKind.OUTPUT, new FileName("compare-2025-2026.csv")));
    }
}
