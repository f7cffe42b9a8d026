package app.ret.adapters.files.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.SmallHeapJvm;
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

/** The contract with a budget large enough to sort in memory ({@link SpillingComparerTest} runs it with a tiny one). */
class ExternalSortComparerTest extends TableComparerContract {
    @TempDir
    Path scratch;

    @Override
    protected TableComparer comparer() {
        return new ExternalSortComparer(scratch, 1L << 30);
    }

    @AfterEach
    void runFilesAreAlwaysDeleted() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void twoMillionRowTablesCompareWithinA256MiBHeap() throws Exception {
        List<String> output = SmallHeapJvm.run(MillionRowComparison.class, scratch);

        assertThat(output).contains("added=500 removed=1000 changed=1000 unchanged=998000 duplicates=0", "lines=2501");
        for (String file : List.of("left.csv", "right.csv", "compare.csv")) {
            Files.delete(scratch.resolve(file));
        }
    }
}
