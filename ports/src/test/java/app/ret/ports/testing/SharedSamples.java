package app.ret.ports.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared sample corpus: the directory named by {@value #VARIABLE} when it is set, otherwise
 * {@code shared/data} in the working directory or any directory above it (a checkout beside
 * {@code shared/}, locally and in CI).
 */
public final class SharedSamples {
    public static final String VARIABLE = "RET_SHARED_DATA";

    private SharedSamples() {}

    public static Path directory() {
        return locate(Optional.ofNullable(System.getenv(VARIABLE)), Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relative) {
        return directory().resolve(relative);
    }

    /** A set variable that names no directory fails rather than quietly falling back to some other corpus. */
    static Path locate(Optional<String> variable, Path workingDirectory) {
        Optional<String> configured = variable.filter(value -> !value.isBlank());
        if (configured.isPresent()) {
            Path named = Path.of(configured.get()).toAbsolutePath();
            if (Files.isDirectory(named)) {
                return named;
            }
            throw new IllegalStateException(VARIABLE + "=" + configured.get() + " is not a directory; point " + VARIABLE
                    + " at the sample corpus, or unset it and check the corpus out as shared/data in a directory above "
                    + workingDirectory);
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no sample corpus: set " + VARIABLE + " to its directory, or check it out as shared/data"
                + " in a directory above " + workingDirectory);
    }
}
