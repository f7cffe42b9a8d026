package app.ret.adapters.files.archive;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.FileTrees;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileKind;
import app.ret.domain.files.FileName;
import app.ret.domain.files.WorkspacePath;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.junit.Lifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * ZIP intake under arbitrary archives (ADR 0017). Seeds in {@code ZipIntakeFuzzTestInputs}: the shared
 * archives and hand-made tricks (zip-slip, absolute names, bombs, nesting, duplicates). Long run:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -B -pl adapters-files -am test -Dtest='ZipIntakeFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ZipIntakeFuzzTest {
    /** Small limits, so that fuzzed archives reach every one of them. */
    private static final ArchiveLimits LIMITS = new ArchiveLimits(24, 256 * 1024, 50, 3);
    private static final long ALLOWANCE = 128 * 1024;
    private static final WorkspacePath FOLDER = WorkspacePath.of(FileKind.INPUT, new FileName("uploads"));

    private Path work;

    /** Per input (the fuzz tests' lifecycle is per execution): every archive starts from an empty work directory. */
    @BeforeEach
    void createWorkDirectory() throws IOException {
        work = Files.createTempDirectory("ret-zip-fuzz-");
    }

    @AfterEach
    void removeWorkDirectory() throws IOException {
        FileTrees.delete(work);
    }

    /**
     * Any bytes as an upload: the intake either refuses them with a {@link ZipIntake.Refusal} or
     * extracts files that all lie in the staging tree (nothing anywhere else, no links), are exactly
     * the files it reports with their sizes and digests, and stay within the limits and the quota.
     */
    @FuzzTest(lifecycle = Lifecycle.PER_EXECUTION)
    void noEntryLeavesTheStagingTreeAndTheLimitsHold(byte[] archiveBytes) throws IOException {
        Path archive = Files.write(work.resolve("upload.zip"), archiveBytes);
        Path tree = Files.createDirectory(work.resolve("tree"));
        Path scratch = Files.createDirectory(work.resolve("nested"));

        ZipIntake.Extraction extraction;
        try {
            extraction = ZipIntake.extract(archive, FOLDER, LIMITS, tree, scratch, ALLOWANCE);
        } catch (ZipIntake.Refusal refusal) {
            assertThat(refusal.outcome().refusal()).isNotNull();
            assertThat(entriesOf(work)).allMatch(path -> path.equals(archive) || path.startsWith(tree) || path.startsWith(scratch));
            return;
        }

        assertThat(extraction.bytes()).isLessThanOrEqualTo(Math.min(ALLOWANCE, LIMITS.maxInflatedBytes()));
        assertThat(extraction.files().size()).isLessThanOrEqualTo(LIMITS.maxEntries());
        assertThat(extraction.files().stream().mapToLong(ZipIntake.Extracted::size).sum()).isEqualTo(extraction.bytes());
        assertThat(entriesOf(scratch)).isEmpty();
        assertThat(entriesOf(work)).allMatch(path -> path.equals(archive) || path.equals(scratch) || path.startsWith(tree))
                .noneMatch(Files::isSymbolicLink);
        List<Path> regularFiles = entriesOf(tree).stream().filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
        assertThat(regularFiles).hasSameSizeAs(extraction.files());
        for (ZipIntake.Extracted file : extraction.files()) {
            Path onDisk = FileTrees.inside(tree, file.relative());
            assertThat(onDisk.normalize()).startsWith(tree).isIn(regularFiles);
            assertThat(file.path()).isEqualTo(FOLDER.resolve(file.relative()));
            assertThat(file.path().fileName().hasExtension("xml")).isTrue();
            assertThat(Files.size(onDisk)).isEqualTo(file.size());
            assertThat(sha256(Files.readAllBytes(onDisk))).isEqualTo(file.sha256());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> entriesOf(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(path -> !path.equals(directory)).toList();
        }
    }
}
