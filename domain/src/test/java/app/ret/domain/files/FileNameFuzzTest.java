package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * File-name reduction under arbitrary names (ADR 0017). Seeds in {@code FileNameFuzzTestInputs}: names
 * from the shared archives and the tricks clients send. Long run:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -B -pl domain test -Dtest='FileNameFuzzTest'}.
 */
class FileNameFuzzTest {
    private static final Path FOLDER = Path.of("/workspace/input");

    /**
     * The input as a client's UTF-8 name, and its bytes as UTF-16 code units (JSON escapes can carry
     * lone surrogates): whatever {@code reduce} returns is one safe segment that stays in its folder,
     * reducing it again changes nothing, and a name that is already safe is kept as it is.
     */
    @FuzzTest
    void aReducedNameIsOneSafeSegmentAndReducingIsIdempotent(byte[] input) {
        checkReduction(new String(input, StandardCharsets.UTF_8));
        checkReduction(new String(input, StandardCharsets.UTF_16BE));
    }

    private static void checkReduction(String raw) {
        Optional<FileName> reduced = FileName.reduce(raw);

        if (FileName.isSafe(raw)) {
            assertThat(reduced).map(FileName::value).contains(raw);
        }
        reduced.ifPresent(name -> {
            String value = name.value();
            assertThat(FileName.isSafe(value)).isTrue();
            assertThat(FileName.reduce(value)).contains(name);
            assertThat(value).doesNotContain("/", "\\", "\0").isNotIn(".", "..");
            assertThat(value.getBytes(StandardCharsets.UTF_8).length).isBetween(1, FileName.MAX_BYTES);
            Path resolved = FOLDER.resolve(value).normalize();
            assertThat(resolved.getParent()).isEqualTo(FOLDER);
            assertThat(resolved.getFileName()).hasToString(value);
        });
    }
}
