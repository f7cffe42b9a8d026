package app.ret.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index job in the queue's terms: what it is asked, what it reports, how a conversion names it. */
class IndexJobTest {
    private static final IndexJob.Target CSV = new IndexJob.Target("output/a.csv", "aa11", "key-a");
    private static final IndexJob.Target WORKBOOK = new IndexJob.Target("output/b.xlsx", "bb22", "key-b");

    @Test
    void theTargetsComeBackInTheirOrderWithOneUnitOfWorkEach() {
        JobParameters parameters = IndexJob.parameters(List.of(CSV, WORKBOOK));

        assertThat(IndexJob.targets(parameters)).containsExactly(CSV, WORKBOOK);
        assertThat(IndexJob.outputs(parameters)).containsExactly("output/a.csv", "output/b.xlsx");
        assertThat(parameters.units()).isEqualTo(2);
    }

    @Test
    void parametersThatDoNotNameADigestAndAKeyForEveryOutputAreRefused() {
        JobParameters withoutADigest = IndexJob.parameters(List.of(CSV, WORKBOOK)).with("sha256", List.of("aa11"));
        JobParameters withoutAKey = IndexJob.parameters(List.of(CSV, WORKBOOK)).with("csv_keys", List.of("key-a"));

        assertThatThrownBy(() -> IndexJob.targets(withoutADigest)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IndexJob.targets(withoutAKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConversionsSummaryNamesTheIndexJobItQueuedAndOtherSummariesNameNone() {
        JobId job = JobId.fromRandomBytes(new byte[JobId.RANDOM_BYTES]);

        assertThat(IndexJob.namedIn(IndexJob.naming(job))).contains(job.value());
        assertThat(IndexJob.namedIn(JobParameters.NONE)).isEmpty();
    }

    @Test
    void theSummaryTellsTheRowsIndexedPerFileInOrderAndOtherSummariesTellNothing() {
        List<IndexJob.Indexed> indexed = List.of(new IndexJob.Indexed("output/a.csv", 6401), new IndexJob.Indexed("output/b.xlsx", 0));

        assertThat(IndexJob.indexedIn(IndexJob.summary(indexed))).isEqualTo(indexed);
        assertThat(IndexJob.indexedIn(IndexJob.naming(JobId.fromRandomBytes(new byte[JobId.RANDOM_BYTES])))).isEmpty();
    }
}
