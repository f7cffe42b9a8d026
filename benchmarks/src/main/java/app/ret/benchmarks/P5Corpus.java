package app.ret.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The P5 input: at least 100 MB of the library export's books interleaved with every Crossref
 * sample (about a tenth of the bytes), under one root. Auto mode makes the books the rows; the
 * Crossref documents are parsed and spilled too, then left out as non-record root children.
 */
final class P5Corpus {
    static final long MINIMUM_BYTES = 100L * 1000 * 1000;

    private P5Corpus() {
    }

    static Path generate(Path sharedData, Path target) throws IOException {
        byte[] books = libraryBooks(sharedData.resolve("library").resolve("1mb.xml"));
        List<byte[]> crossref = crossrefDocuments(sharedData.resolve("crossref"));
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<corpus>\n".getBytes(StandardCharsets.UTF_8));
            long written = 0;
            while (written < MINIMUM_BYTES) {
                out.write(books);
                written += books.length;
                for (byte[] document : crossref) {
                    out.write(document);
                    written += document.length;
                }
            }
            out.write("</corpus>\n".getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }

    static byte[] libraryBooks(Path library) throws IOException {
        String text = Files.readString(library, StandardCharsets.UTF_8);
        int start = text.indexOf("<book>");
        int end = text.lastIndexOf("</book>") + "</book>".length();
        if (start < 0 || end < start) {
            throw new IOException("no <book> elements in " + library);
        }
        return (text.substring(start, end) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> crossrefDocuments(Path directory) throws IOException {
        List<byte[]> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                String document = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
                documents.add((document.strip() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (documents.isEmpty()) {
            throw new IOException("no Crossref samples in " + directory);
        }
        return documents;
    }
}
