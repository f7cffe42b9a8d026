package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.comparison.ComparisonOutcome;
import app.ret.domain.comparison.ComparisonRefusal;
import app.ret.domain.comparison.ComparisonSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link TableComparer} must do; adapters extend this. */
public abstract class TableComparerContract {
    private static final String LEFT = "doi,title,year,pages\r\n"
            + "10.1/a,Alpha,2001,1-2\r\n"
            + "10.1/b,Beta,2002,3-4\r\n"
            + "10.1/c,Gamma,2003,5\r\n"
            + "10.1/d,Delta,2004,6\r\n";
    private static final String RIGHT = "doi,title,year,volume\r\n"
            + "10.1/d,Delta,2004,7\r\n"
            + "10.1/b,\"Beta, revised\",2012,3\r\n"
            + "10.1/e,Epsilon,2005,9\r\n"
            + "10.1/a,Alpha,2001,1\r\n";

    protected abstract TableComparer comparer();

    @Test
    void rowsArePairedByKeyAndEveryKindOfChangeIsWrittenSortedByKey() throws IOException {
        Compared compared = compare(LEFT, RIGHT, List.of("doi"));

        assertThat(compared.outcome()).isEqualTo(new ComparisonSummary(1, 1, 1, 2, 0, 0, List.of(), List.of("pages"), List.of("volume"),
                11, compared.csv().getBytes(StandardCharsets.UTF_8).length));
        assertThat(compared.csv()).isEqualTo(
                "change,doi,changed_columns,old:title,new:title,old:year,new:year,old:pages,new:pages,old:volume,new:volume\r\n"
                + "changed,10.1/b,title;year,Beta,\"Beta, revised\",2002,2012,,,,\r\n"
                + "removed,10.1/c,,Gamma,,2003,,5,,,\r\n"
                + "added,10.1/e,,,Epsilon,,2005,,,,9\r\n");
    }

    @Test
    void aTableAgainstItselfHasNothingChanged() throws IOException {
        Compared compared = compare(LEFT, LEFT, List.of("doi"));

        assertThat(compared.outcome()).isInstanceOfSatisfying(ComparisonSummary.class, summary -> {
            assertThat(summary.rows()).isZero();
            assertThat(summary.unchanged()).isEqualTo(4);
        });
        assertThat(compared.csv()).isEqualTo("change,doi,changed_columns,old:title,new:title,old:year,new:year,old:pages,new:pages\r\n");
    }

    @Test
    void withoutKeyRowsAreComparedWholeAndRepeatedRowsPairOneByOne() throws IOException {
        Compared compared = compare("a,b\r\n1,x\r\n1,x\r\n2,y\r\n", "a,b\r\n2,y\r\n1,x\r\n3,z\r\n", List.of());

        assertThat(compared.outcome()).isInstanceOfSatisfying(ComparisonSummary.class, summary -> {
            assertThat(summary.added()).isEqualTo(1);
            assertThat(summary.removed()).isEqualTo(1);
            assertThat(summary.changed()).isZero();
            assertThat(summary.unchanged()).isEqualTo(2);
        });
        assertThat(compared.csv()).isEqualTo("change,changed_columns,old:a,new:a,old:b,new:b\r\n"
                + "removed,,1,,x,\r\n"
                + "added,,,3,,z\r\n");
    }

    @Test
    void duplicateKeysAreReportedAndTheirRowsNeverPaired() throws IOException {
        Compared compared = compare("k,v\r\n1,a\r\n1,b\r\n2,c\r\n", "k,v\r\n1,a\r\n2,d\r\n2,e\r\n3,f\r\n", List.of("k"));

        assertThat(compared.outcome()).isInstanceOfSatisfying(ComparisonSummary.class, summary -> {
            assertThat(summary.duplicateKeysLeft()).isEqualTo(1);
            assertThat(summary.duplicateKeysRight()).isEqualTo(1);
            assertThat(summary.duplicateKeyExamples()).containsExactly("1", "2");
            assertThat(summary.added()).isEqualTo(1);
            assertThat(summary.changed() + summary.removed() + summary.unchanged()).isZero();
        });
    }

    @Test
    void keysOfSeveralColumnsAndFormulaLikeValuesAreGuarded() throws IOException {
        Compared compared = compare("a,b,v\r\n1,x,=1\r\n", "a,b,v\r\n1,x,=2\r\n", List.of("a", "b"));

        assertThat(compared.csv()).isEqualTo("change,a,b,changed_columns,old:v,new:v\r\nchanged,1,x,v,'=1,'=2\r\n");
    }

    @Test
    void aKeyColumnMissingOnOneSideIsRefusedAndNothingIsWritten() throws IOException {
        Compared compared = compare(LEFT, RIGHT, List.of("pages"));

        assertThat(compared.outcome()).isInstanceOfSatisfying(ComparisonRefusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ComparisonRefusal.UNKNOWN_KEY_COLUMN));
        assertThat(compared.csv()).isEmpty();
    }

    @Test
    void progressCountsTheRowsReadOfEachSideThenTheRowsWalkedInSteps() throws IOException {
        List<long[]> told = new ArrayList<>();
        TableComparer.Progress progress = (leftRead, rightRead, walked) -> told.add(new long[] {leftRead, rightRead, walked});

        compare(numbered(25_000), numbered(15_000), List.of("id"), progress);

        assertThat(told.get(told.size() - 1)).containsExactly(25_000, 15_000, 40_000);
        assertThat(told).as("both sides read before the walk").anySatisfy(step -> assertThat(step).containsExactly(25_000, 15_000, 0));
        assertThat(told).as("steps while the left side is read").anySatisfy(step -> assertThat(step).containsExactly(10_000, 0, 0));
        assertThat(told).as("steps while the walk goes").anySatisfy(step -> assertThat(step[2]).isBetween(1L, 39_999L));
        assertThat(told.size()).as("steps of about " + TableComparer.Progress.PROGRESS_ROWS + " rows, not one per row").isLessThan(20);
        for (int i = 1; i < told.size(); i++) {
            long[] before = told.get(i - 1);
            long[] after = told.get(i);
            assertThat(after[0] >= before[0] && after[1] >= before[1] && after[2] >= before[2]).as("never backwards").isTrue();
        }
    }

    private static String numbered(int rows) {
        StringBuilder csv = new StringBuilder("id,v\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",x\r\n");
        }
        return csv.toString();
    }

    protected Compared compare(String left, String right, List<String> key) throws IOException {
        return compare(left, right, key, TableComparer.Progress.NONE);
    }

    private Compared compare(String left, String right, List<String> key, TableComparer.Progress progress) throws IOException {
        try (TableComparer.Comparison comparison = comparer().compare(new ByteArrayInputStream(left.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(right.getBytes(StandardCharsets.UTF_8)), key, progress)) {
            return new Compared(comparison.outcome(), new String(comparison.csv().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    protected record Compared(ComparisonOutcome outcome, String csv) {}
}
