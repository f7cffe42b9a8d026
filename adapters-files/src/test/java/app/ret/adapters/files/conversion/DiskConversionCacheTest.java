package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.conversion.ConversionKey;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.ConversionCacheContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskConversionCacheTest extends ConversionCacheContract {
    @TempDir
    Path root;

    private DiskConversionCache cache;

    @BeforeEach
    void open() {
        cache = new DiskConversionCache(root);
    }

    @Override
    protected ConversionCache cache() {
        return cache;
    }

    @Override
    protected ConversionCache reopened() {
        return new DiskConversionCache(root);
    }

    @Test
    void anEntryIsAFolderNamedByItsKeyAndNothingIsLeftInStaging() throws IOException {
        ConversionKey key = newKey();
        cache.produce(key, csv("x\r\n", 1, 1));
        Path entry = root.resolve("conversion-cache").resolve(key.value());
        assertThat(entry.resolve(DiskConversionCache.CSV)).hasContent("x\r\n");
        assertThat(entry.resolve(DiskConversionCache.SUMMARY)).hasContent("rows=1\ncolumns=1\nbytes=3");
        try (Stream<Path> staging = Files.list(cache.workDirectory())) {
            assertThat(staging).isEmpty();
        }
    }

    @Test
    void whatACrashLeftInStagingIsRemovedAndEntriesStay() throws IOException {
        ConversionKey key = newKey();
        cache.produce(key, csv("kept\r\n", 1, 1));
        Path leftover = Files.createDirectories(cache.workDirectory().resolve("entry-123"));
        Files.writeString(leftover.resolve(DiskConversionCache.CSV), "half");
        DiskConversionCache restarted = new DiskConversionCache(root);
        assertThat(leftover).exists();
        restarted.removeLeftovers();
        assertThat(leftover).doesNotExist();
        assertThat(read(restarted, key)).isEqualTo("kept\r\n");
    }

    @Test
    void aDamagedEntryIsAMissAndIsReplacedByTheNextResult() throws IOException {
        ConversionKey key = newKey();
        cache.produce(key, csv("whole\r\n", 1, 1));
        Path entry = root.resolve("conversion-cache").resolve(key.value());
        Files.writeString(entry.resolve(DiskConversionCache.CSV), "who");
        assertThat(cache.open(key)).isEmpty();

        cache.produce(key, csv("whole\r\n", 1, 1));
        assertThat(read(cache, key)).isEqualTo("whole\r\n");

        Files.delete(entry.resolve(DiskConversionCache.SUMMARY));
        assertThat(cache.open(key)).isEmpty();
        cache.produce(key, csv("whole\r\n", 1, 1));
        assertThat(read(cache, key)).isEqualTo("whole\r\n");
    }
}
