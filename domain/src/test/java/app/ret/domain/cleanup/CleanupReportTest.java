package app.ret.domain.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CleanupReportTest {
    @Test
    void reportsAddUpPerResource() {
        CleanupReport files = CleanupReport.of(RemovedResource.FILES, 2).with(RemovedResource.BYTES, 40);
        CleanupReport cache = CleanupReport.of(RemovedResource.CACHE_ENTRIES, 5).with(RemovedResource.BYTES, 2);
        CleanupReport total = files.plus(cache);
        assertThat(total.count(RemovedResource.FILES)).isEqualTo(2);
        assertThat(total.count(RemovedResource.BYTES)).isEqualTo(42);
        assertThat(total.count(RemovedResource.CACHE_ENTRIES)).isEqualTo(5);
        assertThat(total.count(RemovedResource.JOBS)).isZero();
        assertThat(files.count(RemovedResource.BYTES)).as("reports are immutable").isEqualTo(40);
    }

    @Test
    void zeroCountsEqualAbsentOnes() {
        assertThat(CleanupReport.of(RemovedResource.JOBS, 0)).isEqualTo(CleanupReport.empty());
        assertThat(CleanupReport.of(RemovedResource.JOBS, 0).hashCode()).isEqualTo(CleanupReport.empty().hashCode());
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> CleanupReport.of(RemovedResource.FILES, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsWithOtherCountsDifferAndHashApart() {
        CleanupReport two = CleanupReport.of(RemovedResource.FILES, 2);
        assertThat(two).isNotEqualTo(CleanupReport.of(RemovedResource.FILES, 3)).isNotEqualTo(CleanupReport.of(RemovedResource.JOBS, 2))
                .isNotEqualTo("FILES=2");
        assertThat(two.hashCode()).isNotEqualTo(CleanupReport.of(RemovedResource.FILES, 3).hashCode())
                .isNotEqualTo(CleanupReport.of(RemovedResource.JOBS, 2).hashCode())
                .isNotEqualTo(CleanupReport.empty().hashCode());
        assertThat(two).hasToString("CleanupReport{FILES=2}");
    }
}
