package app.ret.ports.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared sample corpus ({@code ../shared/data}), found above the working directory locally and in CI. */
public final class SharedSamples {
    private SharedSamples() {}

    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data above the working directory");
    }

    public static Path resolve(String relative) {
        return directory().resolve(relative);
    }
}
