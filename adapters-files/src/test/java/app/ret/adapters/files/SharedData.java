package app.ret.adapters.files;

import app.ret.ports.testing.SharedSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The corpus files the converter tests read, in the shared sample corpus {@link SharedSamples} finds. */
public final class SharedData {
    private SharedData() {
    }

    public static Path library() {
        return SharedSamples.directory().resolve("library").resolve("1mb.xml");
    }

    public static Path crossref(String fileName) {
        return SharedSamples.directory().resolve("crossref").resolve(fileName);
    }

    public static List<Path> crossrefFiles() {
        try (Stream<Path> files = Files.list(SharedSamples.directory().resolve("crossref"))) {
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
