package app.ret.adapters.files.workbook;

import app.ret.adapters.files.table.CountingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies an XLSX package entry by entry with fixed times: every ZIP entry dated 1980-01-01 and the
 * document's creation time in {@code docProps/core.xml} set to 2000-01-01T00:00:00Z, so that the same
 * table always gives the same bytes. The entries are written uncompressed first, so this one pass
 * is the only real compression.
 */
final class DeterministicPackage {
    static final int UNSTAMPED_COMPRESSION_LEVEL = Deflater.NO_COMPRESSION;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final String CORE_PROPERTIES = "docProps/core.xml";
    private static final Pattern CREATED = Pattern.compile("(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)");
    private static final String FIXED_CREATED = "$12000-01-01T00:00:00Z$2";

    private DeterministicPackage() {}

    /** Writes the repacked package to {@code out} (left open) and returns its size. */
    static long repack(Path unstamped, OutputStream out) throws IOException {
        CountingOutputStream counted = new CountingOutputStream(out);
        try (ZipFile entries = new ZipFile(unstamped.toFile(), StandardCharsets.UTF_8)) {
            ZipOutputStream zip = new ZipOutputStream(counted, StandardCharsets.UTF_8);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (ZipEntry entry : Collections.list(entries.entries())) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(copy);
                try (InputStream content = entries.getInputStream(entry)) {
                    if (CORE_PROPERTIES.equals(entry.getName())) {
                        String core = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                        zip.write(CREATED.matcher(core).replaceAll(FIXED_CREATED).getBytes(StandardCharsets.UTF_8));
                    } else {
                        content.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
            zip.finish();
        }
        counted.flush();
        return counted.count();
    }
}
