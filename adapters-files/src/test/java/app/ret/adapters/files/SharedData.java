package app.ret.adapters.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared sample corpus, checked out next to the repository (locally and in CI). */
public final class SharedData {
    private SharedData() {
    }

    static Path directory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/data directory above " + System.getProperty("user.dir"));
    }

    public static Path library() {
        return directory().resolve("library").resolve("1mb.xml");
    }

    public static Path crossref(String fileName) {
        return directory().resolve("crossref").resolve(fileName);
    }

    public static List<Path> crossrefFiles() {
        try (Stream<Path> files = Files.list(directory().resolve("crossref"))) {
            List<Path> xml = files.filter(file -> file.getFileName().toString().endsWith(".xml")).sorted().toList();
            if (xml.isEmpty()) {
                throw new IllegalStateException("the Crossref corpus is empty");
            }
            return xml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> everyCorpusFile() {
        return Stream.concat(crossrefFiles().stream(), Stream.of(library())).toList();
    }
}
