package app.ret.application.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.job.JobParameters;
import app.ret.ports.testing.SampleData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The comparison's progress in rows, as the job reports it: estimated from the bytes read while the
 * sides are read (two sides of 100 bytes each here), exact once they are read or walked.
 */
class ComparisonProgressTest {
    private final RecordingJobContext context = new RecordingJobContext(SampleData.newSessionId(), JobParameters.NONE);
    private final ComparisonProgress progress = new ComparisonProgress(context, new ByteArrayInputStream(new byte[100]), 100,
            new ByteArrayInputStream(new byte[100]), 100);

    @Test
    void whileTheSidesAreReadTheRowsAreEstimatedFromTheShareOfBytesRead() throws IOException {
        readBytes(progress.left(), 40);
        readBytes(progress.right(), 10);

        progress.rows(5, 1, 0);

        assertThat(context.last()).as("6 rows in a quarter of the bytes: about 24 rows, read and walked").containsExactly(6, 48);
    }

    @Test
    void onceBothFilesAreReadTheRowsAreExact() throws IOException {
        readBytes(progress.left(), 100);
        readBytes(progress.right(), 100);

        progress.rows(7, 3, 0);

        assertThat(context.last()).containsExactly(10, 20);
    }

    @Test
    void beforeAnyByteIsReadTheRowsReportedAreTheTotalSoFar() {
        progress.rows(3, 0, 0);
        assertThat(context.last()).containsExactly(3, 6);

        progress.rows(0, 0, 0);
        assertThat(context.last()).as("at least one row, so that the total is never zero").containsExactly(0, 2);
    }

    @Test
    void onceTheWalkBeganTheRowsReadAreExactAndTheWalkCountsToo() throws IOException {
        readBytes(progress.left(), 30);

        progress.rows(6, 6, 4);

        assertThat(context.last()).as("buffered ahead or not, reading is over once the walk began").containsExactly(16, 24);
    }

    @Test
    void aSingleByteReadCountsEvenWhenItIsZero() throws IOException {
        assertThat(progress.left().read()).isZero();

        progress.rows(1, 0, 0);

        assertThat(context.last()).as("1 row in 1 of 200 bytes: about 200 rows").containsExactly(1, 400);
    }

    @Test
    void everyByteReadCountsOneByOneOrInBlocksAndTheEndCountsNothing() throws IOException {
        InputStream left = progress.left();
        assertThat(left.read()).as("a zero byte is a byte").isZero();
        readBytes(left, 99);
        assertThat(left.read()).isEqualTo(-1);
        assertThat(left.read(new byte[8], 0, 8)).isEqualTo(-1);
        assertThat(progress.right().read(new byte[50], 0, 50)).isEqualTo(50);

        progress.rows(10, 5, 0);

        assertThat(context.last()).as("150 of 200 bytes read: 15 rows of about 20").containsExactly(15, 40);
    }

    @Test
    void completeReportsTheLastTotalAsDone() throws IOException {
        readBytes(progress.left(), 100);
        readBytes(progress.right(), 100);
        progress.rows(4, 4, 0);

        progress.complete();

        assertThat(context.last()).containsExactly(16, 16);
    }

    @Test
    void anEmptyComparisonCompletesAtOneOfOne() {
        ComparisonProgress empty = new ComparisonProgress(context, InputStream.nullInputStream(), 0, InputStream.nullInputStream(), 0);

        empty.complete();

        assertThat(context.last()).containsExactly(1, 1);
    }

    @Test
    void closingASideClosesItsFile() throws IOException {
        ClosingInput file = new ClosingInput(new byte[] {1, 2, 3});
        ComparisonProgress withFile = new ComparisonProgress(context, file, 3, InputStream.nullInputStream(), 0);

        assertThat(withFile.left().read()).isEqualTo(1);
        withFile.left().close();

        assertThat(file.closed).isTrue();
    }

    private static void readBytes(InputStream in, int count) throws IOException {
        assertThat(in.readNBytes(count)).hasSize(count);
    }

    private static final class ClosingInput extends ByteArrayInputStream {
        boolean closed;

        ClosingInput(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
