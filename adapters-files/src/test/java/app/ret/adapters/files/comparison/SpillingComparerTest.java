package app.ret.adapters.files.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.comparison.ComparisonSummary;
import app.ret.ports.out.TableComparer;
import app.ret.ports.out.TableComparerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same contract with a budget of one byte: every row is its own run. */
class SpillingComparerTest extends TableComparerContract {
    @TempDir
    Path scratch;

    @Override
    protected TableComparer comparer() {
        return new ExternalSortComparer(scratch, 1);
    }

    @AfterEach
    void runFilesAreAlwaysDeleted() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void moreRunsThanOneMergeTakesAreMergedInRounds() throws IOException {
        int rows = SortedRows.FAN_IN * 3 + 7;
        StringBuilder left = new StringBuilder("id,v\r\n");
        StringBuilder right = new StringBuilder("id,v\r\n");
        for (int i = rows - 1; i >= 0; i--) {
            left.append(i).append(",x\r\n");
            right.append(i).append(i % 10 == 0 ? ",y\r\n" : ",x\r\n");
        }

        Compared compared = compare(left.toString(), right.toString(), List.of("id"));

        assertThat(compared.outcome()).isInstanceOfSatisfying(ComparisonSummary.class, summary -> {
            assertThat(summary.changed()).isEqualTo((rows + 9) / 10);
            assertThat(summary.unchanged()).isEqualTo(rows - (rows + 9) / 10);
        });
        assertThat(compared.csv().lines().skip(1).map(line -> line.split(",")[1]).toList()).isSorted();
    }
}
