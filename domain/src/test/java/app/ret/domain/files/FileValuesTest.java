package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileValuesTest {
    private static final String SHA = "ab".repeat(32);
    private static final WorkspacePath FILE = WorkspacePath.parse("input/examples/a.xml").orElseThrow();

    @Test
    void everyArchiveLimitIsAtLeastOne() {
        assertThat(new ArchiveLimits(1, 1, 1, 1)).isEqualTo(new ArchiveLimits(1, 1L, 1, 1));
        int[][] zeros = {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}};
        for (int[] z : zeros) {
            assertThatThrownBy(() -> new ArchiveLimits(z[0], z[1], z[2], z[3])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void uploadAndQuotaLimitsAreAtLeastOneByte() {
        ArchiveLimits archive = new ArchiveLimits(1, 1, 1, 1);
        assertThat(new FileLimits(1, 1, 1, archive).maxUploadBytes()).isEqualTo(1);
        assertThatThrownBy(() -> new FileLimits(0, 1, 1, archive)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileLimits(1, 0, 1, archive)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileLimits(1, 1, 0, archive)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredFileMayBeEmptyAndKnowsItsAreaAndFolder() {
        StoredFile empty = new StoredFile(FILE, 0, SHA, Instant.EPOCH);
        assertThat(empty.kind()).isEqualTo(FileKind.INPUT);
        assertThat(empty.group()).isEqualTo("examples");
        assertThatThrownBy(() -> new StoredFile(FILE, -1, SHA, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredFile(FILE, 1, SHA.toUpperCase(), Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoredFile(FILE, 1, null, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skipReasonsAndArchiveProblemsSpeakToClients() {
        assertThat(SkipReason.MACOS_METADATA.wireName()).isEqualTo("macos_metadata");
        assertThat(ArchiveProblem.CORRUPT.message()).isEqualTo("the archive is corrupt or not a ZIP file");
    }

    @Test
    void aRefusedUploadExplainsItself() {
        assertThat(new UploadOutcome.Refused(UploadRefusal.QUOTA_EXCEEDED, "full").detail()).isEqualTo("full");
        assertThatThrownBy(() -> new UploadOutcome.Refused(UploadRefusal.QUOTA_EXCEEDED, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadOutcome.Refused(UploadRefusal.QUOTA_EXCEEDED, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
