package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.ConversionCacheContract;
import app.ret.ports.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    void afterItsLastSessionIsPurgedNothingOfAnEntryRemainsOnDisk() throws IOException {
        cache.produce(SESSION, newKey(), csv("derived\r\n", 1, 1));
        cache.produce(SESSION, newKey(), csv("more\r\n", 1, 1));
        assertThat(regularFiles()).hasSize(6);

        assertThat(cache.purge(SESSION).count(RemovedResource.CONVERSION_CACHE_ENTRIES)).isEqualTo(2);

        assertThat(regularFiles()).isEmpty();
    }

    @Test
    void beyondItsBoundTheLeastRecentlyUsedEntriesAreEvicted() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        DiskConversionCache bounded = new DiskConversionCache(root, 25, clock);
        ConversionKey first = newKey();
        ConversionKey second = newKey();
        ConversionKey third = newKey();
        bounded.produce(SESSION, first, csv("0123456789\r\n", 1, 1));
        clock.advance(Duration.ofSeconds(1));
        bounded.produce(SESSION, second, csv("0123456789\r\n", 1, 1));
        clock.advance(Duration.ofSeconds(1));
        read(bounded, first);
        clock.advance(Duration.ofSeconds(1));

        bounded.produce(SESSION, third, csv("0123456789\r\n", 1, 1));

        assertThat(bounded.open(SESSION, second)).as("the least recently used entry is evicted").isEmpty();
        assertThat(read(bounded, first)).isEqualTo("0123456789\r\n");
        assertThat(read(bounded, third)).isEqualTo("0123456789\r\n");
    }

    @Test
    void anEntryLargerThanTheBoundIsStillKeptForItsConversion() throws IOException {
        DiskConversionCache tiny = new DiskConversionCache(root, 1, new MutableClock(Instant.parse("2026-12-01T00:00:00Z")));
        ConversionKey key = newKey();
        tiny.produce(SESSION, key, csv("too large\r\n", 1, 1));
        assertThat(read(tiny, key)).isEqualTo("too large\r\n");
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve("conversion-cache"))) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anEntryIsAFolderNamedByItsKeyAndNothingIsLeftInStaging() throws IOException {
        ConversionKey key = newKey();
        cache.produce(SESSION, key, csv("x\r\n", 1, 1));
        Path entry = root.resolve("conversion-cache").resolve("entries").resolve(key.value());
        assertThat(entry.resolve(DiskConversionCache.CSV)).hasContent("x\r\n");
        assertThat(entry.resolve(DiskConversionCache.SUMMARY)).hasContent("rows=1\ncolumns=1\nbytes=3");
        try (Stream<Path> staging = Files.list(cache.workDirectory())) {
            assertThat(staging).isEmpty();
        }
    }

    @Test
    void whatACrashLeftInStagingIsRemovedAndEntriesStay() throws IOException {
        ConversionKey key = newKey();
        cache.produce(SESSION, key, csv("kept\r\n", 1, 1));
        Path leftover = Files.createDirectories(cache.workDirectory().resolve("entry-123"));
        Files.writeString(leftover.resolve(DiskConversionCache.CSV), "half");
        DiskConversionCache restarted = new DiskConversionCache(root);
        assertThat(leftover).exists();
        Path inProgress = Files.createDirectories(cache.workDirectory().resolve("entry-live"));
        Files.writeString(inProgress.resolve(DiskConversionCache.CSV), "being written by another instance");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Files.setLastModifiedTime(leftover.resolve(DiskConversionCache.CSV), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        restarted.removeLeftovers(Instant.now().minus(Duration.ofHours(1)));
        assertThat(leftover).as("abandoned two hours ago").doesNotExist();
        assertThat(inProgress).as("touched a moment ago").exists();
        restarted.removeLeftovers(Instant.MAX);
        assertThat(inProgress).as("alone on the root, everything in staging is a leftover").doesNotExist();
        assertThat(read(restarted, key)).isEqualTo("kept\r\n");
    }

    @Test
    void aDamagedEntryIsAMissAndIsReplacedByTheNextResult() throws IOException {
        ConversionKey key = newKey();
        cache.produce(SESSION, key, csv("whole\r\n", 1, 1));
        Path entry = root.resolve("conversion-cache").resolve("entries").resolve(key.value());
        Files.writeString(entry.resolve(DiskConversionCache.CSV), "who");
        assertThat(cache.open(SESSION, key)).isEmpty();

        cache.produce(SESSION, key, csv("whole\r\n", 1, 1));
        assertThat(read(cache, key)).isEqualTo("whole\r\n");

        Files.delete(entry.resolve(DiskConversionCache.SUMMARY));
        assertThat(cache.open(SESSION, key)).isEmpty();
        cache.produce(SESSION, key, csv("whole\r\n", 1, 1));
        assertThat(read(cache, key)).isEqualTo("whole\r\n");
    }

    /**
     * Two processes sharing one volume (two caches over one root, each with its own lock) convert the
     * same bytes at once, key after key: neither fails, and every entry is whole and readable by both.
     */
    @Test
    void twoWritersOfTheSameKeysOnOneRootNeitherFailNorTearAnEntry() throws Exception {
        DiskConversionCache other = new DiskConversionCache(root);
        CyclicBarrier bothWritten = new CyclicBarrier(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                ConversionKey key = new ConversionKey(String.format("%064x", round));
                String text = "row " + round + "\r\n";
                List<Future<ConversionResult>> results = new ArrayList<>();
                for (DiskConversionCache writer : List.of(cache, other)) {
                    results.add(writers.submit(() -> writer.produce(SESSION, key, out -> {
                        ConversionResult written = csv(text, 1, 1).writeTo(out);
                        try {
                            bothWritten.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                            throw new IOException("the other writer did not come", e);
                        }
                        return written;
                    })));
                }
                for (Future<ConversionResult> result : results) {
                    assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(ConversionSummary.class);
                }
                assertThat(read(cache, key)).isEqualTo(text);
                assertThat(read(other, key)).isEqualTo(text);
            }
        } finally {
            writers.shutdownNow();
        }
    }
}
