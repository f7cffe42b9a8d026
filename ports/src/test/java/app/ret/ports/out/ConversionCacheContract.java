package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.ConversionCache.CachedCsv;
import app.ret.ports.testing.Races;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every {@link ConversionCache} must do; adapters extend this. Sessions here need not exist: the cache only knows their ids. */
public abstract class ConversionCacheContract {
    private static final AtomicLong KEYS = new AtomicLong();
    protected static final SessionId SESSION = new SessionId("5e55" + "0".repeat(28));
    private static final SessionId OTHER = new SessionId("07e4" + "0".repeat(28));
    private static final SessionId THIRD = new SessionId("3d" + "0".repeat(30));

    protected abstract ConversionCache cache();

    /** The same entries seen through a freshly opened cache (a restart). */
    protected abstract ConversionCache reopened();

    protected static ConversionKey newKey() {
        byte[] bytes = new byte[32];
        long next = KEYS.incrementAndGet() ^ System.nanoTime();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (next >>> (8 * i));
        }
        return new ConversionKey(HexFormat.of().formatHex(bytes));
    }

    @Test
    void anUnknownKeyIsAMiss() throws IOException {
        assertThat(cache().open(SESSION, newKey())).isEmpty();
    }

    @Test
    void aProducedEntryComesBackWithItsSummary() throws IOException {
        ConversionKey key = newKey();
        ConversionResult result = cache().produce(SESSION, key, csv("a,b\r\n1,2\r\n", 1, 2));
        assertThat(result).isEqualTo(new ConversionSummary(1, 2, 10));
        assertThat(read(cache(), key)).isEqualTo("a,b\r\n1,2\r\n");
        try (CachedCsv cached = cache().open(SESSION, key).orElseThrow()) {
            assertThat(cached.summary()).isEqualTo(new ConversionSummary(1, 2, 10));
        }
    }

    @Test
    void aRefusalKeepsNothingAndIsReturnedAsItIs() throws IOException {
        ConversionKey key = newKey();
        ConversionFailure refusal = new ConversionFailure(ConversionFailureCode.INVALID_XML, "line 1, column 1: bad");
        ConversionResult result = cache().produce(SESSION, key, out -> {
            out.write("half a row".getBytes(StandardCharsets.UTF_8));
            return refusal;
        });
        assertThat(result).isEqualTo(refusal);
        assertThat(cache().open(SESSION, key)).isEmpty();
    }

    @Test
    void aFailingProducerKeepsNothing() {
        ConversionKey key = newKey();
        assertThatThrownBy(() -> cache().produce(SESSION, key, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class);
        assertThat(open(key)).isEmpty();
    }

    @Test
    void theFirstEntryOfAKeyStays() throws IOException {
        ConversionKey key = newKey();
        cache().produce(SESSION, key, csv("first\r\n", 1, 1));
        cache().produce(SESSION, key, csv("second\r\n", 1, 1));
        assertThat(read(cache(), key)).isEqualTo("first\r\n");
    }

    @Test
    void entriesSurviveARestart() throws IOException {
        ConversionKey key = newKey();
        cache().produce(SESSION, key, csv("kept\r\n", 1, 1));
        assertThat(read(reopened(), key)).isEqualTo("kept\r\n");
    }

    @Test
    void concurrentProducersOfOneKeyLeaveOneWholeEntry() throws Exception {
        ConversionKey key = newKey();
        AtomicLong producers = new AtomicLong();
        long produced = Races.winners(8, () -> {
            long index = producers.incrementAndGet() % 10;
            return cache().produce(SESSION, key, csv(("row" + index + "\r\n").repeat(1000), 1000, 1)) instanceof ConversionSummary;
        });
        assertThat(produced).isEqualTo(8);
        assertThat(read(cache(), key)).matches("(row\\d\r\n){1000}").hasSize(6000);
    }

    /** Issue 18: conversion results count in their owner's quota, an entry two of their sessions share once. */
    @Test
    void theBytesOfSessionsCountEachEntryTheyReferToOnce() throws IOException {
        ConversionKey shared = newKey();
        ConversionKey own = newKey();
        ConversionKey foreign = newKey();
        cache().produce(SESSION, shared, csv("abc\r\n", 1, 1));
        read(cache(), OTHER, shared);
        cache().produce(OTHER, own, csv("defgh\r\n", 1, 1));
        cache().produce(THIRD, foreign, csv("x\r\n", 1, 1));

        assertThat(cache().bytesReferencedBy(List.of(SESSION, OTHER))).isEqualTo(5 + 7);
        assertThat(cache().bytesReferencedBy(List.of(SESSION))).isEqualTo(5);
        assertThat(cache().bytesReferencedBy(List.of())).isZero();
        assertThat(reopened().bytesReferencedBy(List.of(THIRD))).isEqualTo(3);
        cache().purge(OTHER);
        assertThat(cache().bytesReferencedBy(List.of(SESSION, OTHER))).isEqualTo(5);
    }

    @Test
    void anEntryLivesAsLongAsTheLastSessionReferringToIt() throws IOException {
        ConversionKey key = newKey();
        cache().produce(SESSION, key, csv("a\r\n", 1, 1));
        read(cache(), OTHER, key);

        assertThat(cache().purge(SESSION)).isEqualTo(CleanupReport.empty());
        assertThat(read(cache(), OTHER, key)).as("another session still refers to it").isEqualTo("a\r\n");

        CleanupReport removed = cache().purge(OTHER);
        assertThat(removed.count(RemovedResource.CONVERSION_CACHE_ENTRIES)).isEqualTo(1);
        assertThat(removed.count(RemovedResource.CONVERSION_CACHE_BYTES)).isGreaterThanOrEqualTo(3);
        assertThat(cache().open(THIRD, key)).isEmpty();
        assertThat(cache().purge(OTHER)).as("a purge runs again after a crash").isEqualTo(CleanupReport.empty());
    }

    @Test
    void purgingOneSessionKeepsTheEntriesOfOthers() throws IOException {
        ConversionKey mine = newKey();
        ConversionKey theirs = newKey();
        cache().produce(SESSION, mine, csv("mine\r\n", 1, 1));
        cache().produce(OTHER, theirs, csv("theirs\r\n", 1, 1));
        assertThat(cache().purge(SESSION).count(RemovedResource.CONVERSION_CACHE_ENTRIES)).isEqualTo(1);
        assertThat(cache().open(THIRD, mine)).isEmpty();
        assertThat(read(cache(), OTHER, theirs)).isEqualTo("theirs\r\n");
    }

    @Test
    void theEntriesOfSessionsThatAreNoLongerLiveAreSweptAway() throws IOException {
        ConversionKey gone = newKey();
        ConversionKey kept = newKey();
        cache().produce(SESSION, gone, csv("gone\r\n", 1, 1));
        cache().produce(OTHER, kept, csv("kept\r\n", 1, 1));

        CleanupReport removed = reopened().purgeOrphans(OTHER::equals);

        assertThat(removed.count(RemovedResource.CONVERSION_CACHE_ENTRIES)).isEqualTo(1);
        assertThat(cache().open(THIRD, gone)).isEmpty();
        assertThat(read(cache(), OTHER, kept)).isEqualTo("kept\r\n");
        assertThat(cache().purgeOrphans(OTHER::equals)).isEqualTo(CleanupReport.empty());
    }

    protected static ConversionCache.CsvProducer csv(String text, long rows, int columns) {
        return out -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            return new ConversionSummary(rows, columns, bytes.length);
        };
    }

    protected static String read(ConversionCache cache, ConversionKey key) throws IOException {
        return read(cache, SESSION, key);
    }

    protected static String read(ConversionCache cache, SessionId session, ConversionKey key) throws IOException {
        try (CachedCsv cached = cache.open(session, key).orElseThrow(() -> new AssertionError("miss for " + key))) {
            return new String(cached.csv().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Optional<CachedCsv> open(ConversionKey key) {
        try {
            return cache().open(SESSION, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
