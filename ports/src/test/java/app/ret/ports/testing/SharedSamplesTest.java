package app.ret.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSamplesTest {
    @TempDir
    Path root;

    @Test
    void theVariableNamesTheCorpusWhereverItIs() throws IOException {
        Path corpus = Files.createDirectories(root.resolve("elsewhere").resolve("corpus"));
        Path checkout = Files.createDirectories(root.resolve("checkout").resolve("module"));

        assertThat(SharedSamples.locate(Optional.of(corpus.toString()), checkout)).isEqualTo(corpus);
    }

    @Test
    void withoutTheVariableSharedDataIsFoundInADirectoryAboveTheCheckout() throws IOException {
        Path corpus = Files.createDirectories(root.resolve("shared").resolve("data"));
        Path module = Files.createDirectories(root.resolve("checkout").resolve("module"));

        assertThat(SharedSamples.locate(Optional.empty(), module)).isEqualTo(corpus);
        assertThat(SharedSamples.locate(Optional.of(" "), module)).isEqualTo(corpus);
    }

    @Test
    void whenNeitherFindsTheCorpusTheMessageNamesBothWays() throws IOException {
        Path module = Files.createDirectories(root.resolve("checkout").resolve("module"));

        assertThatThrownBy(() -> SharedSamples.locate(Optional.empty(), module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RET_SHARED_DATA").hasMessageContaining("shared/data");
    }

    @Test
    void aVariableNamingNoDirectoryFailsInsteadOfFallingBackToAnotherCorpus() throws IOException {
        Files.createDirectories(root.resolve("shared").resolve("data"));
        Path module = Files.createDirectories(root.resolve("checkout").resolve("module"));

        assertThatThrownBy(() -> SharedSamples.locate(Optional.of(root.resolve("missing").toString()), module))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RET_SHARED_DATA=" + root.resolve("missing")).hasMessageContaining("shared/data");
    }
}
