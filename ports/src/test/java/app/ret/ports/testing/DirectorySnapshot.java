package app.ret.ports.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every folder and file below a directory with its size (-1 for folders), to prove that nothing changed. */
public final class DirectorySnapshot {
    private DirectorySnapshot() {}

    public static Map<String, Long> of(Path top) {
        Map<String, Long> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(top)) {
            paths.forEach(path -> entries.put(top.relativize(path).toString(), sizeOrFolder(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static long sizeOrFolder(Path path) {
        try {
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? -1 : Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
