package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.ConversionCache.CachedCsv;
import app.ret.ports.testing.Races;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every {@link ConversionCache} must do; adapters extend this. */
public abstract class ConversionCacheContract {
    private static final AtomicLong KEYS = new AtomicLong();

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
        assertThat(cache().open(newKey())).isEmpty();
    }

    @Test
    void aProducedEntryComesBackWithItsSummary() throws IOException {
        ConversionKey key = newKey();
        ConversionResult result = cache().produce(key, csv("a,b\r\n1,2\r\n", 1, 2));
        assertThat(result).isEqualTo(new ConversionSummary(1, 2, 10));
        assertThat(read(cache(), key)).isEqualTo("a,b\r\n1,2\r\n");
        try (CachedCsv cached = cache().open(key).orElseThrow()) {
            assertThat(cached.summary()).isEqualTo(new ConversionSummary(1, 2, 10));
        }
    }

    @Test
    void aRefusalKeepsNothingAndIsReturnedAsItIs() throws IOException {
        ConversionKey key = newKey();
        ConversionFailure refusal = new ConversionFailure(ConversionFailureCode.INVALID_XML, "line 1, column 1: bad");
        ConversionResult result = cache().produce(key, out -> {
            out.write("half a row".getBytes(StandardCharsets.UTF_8));
            return refusal;
        });
        assertThat(result).isEqualTo(refusal);
        assertThat(cache().open(key)).isEmpty();
    }

    @Test
    void aFailingProducerKeepsNothing() {
        ConversionKey key = newKey();
        assertThatThrownBy(() -> cache().produce(key, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class);
        assertThat(open(key)).isEmpty();
    }

    @Test
    void theFirstEntryOfAKeyStays() throws IOException {
        ConversionKey key = newKey();
        cache().produce(key, csv("first\r\n", 1, 1));
        cache().produce(key, csv("second\r\n", 1, 1));
        assertThat(read(cache(), key)).isEqualTo("first\r\n");
    }

    @Test
    void entriesSurviveARestart() throws IOException {
        ConversionKey key = newKey();
        cache().produce(key, csv("kept\r\n", 1, 1));
        assertThat(read(reopened(), key)).isEqualTo("kept\r\n");
    }

    @Test
    void concurrentProducersOfOneKeyLeaveOneWholeEntry() throws Exception {
        ConversionKey key = newKey();
        AtomicLong producers = new AtomicLong();
        long produced = Races.winners(8, () -> {
            long index = producers.incrementAndGet() % 10;
            return cache().produce(key, csv(("row" + index + "\r\n").repeat(1000), 1000, 1)) instanceof ConversionSummary;
        });
        assertThat(produced).isEqualTo(8);
        assertThat(read(cache(), key)).matches("(row\\d\r\n){1000}").hasSize(6000);
    }

    protected static ConversionCache.CsvProducer csv(String text, long rows, int columns) {
        return out -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            return new ConversionSummary(rows, columns, bytes.length);
        };
    }

    protected static String read(ConversionCache cache, ConversionKey key) throws IOException {
        try (CachedCsv cached = cache.open(key).orElseThrow(() -> new AssertionError("miss for " + key))) {
            return new String(cached.csv().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Optional<CachedCsv> open(ConversionKey key) {
        try {
            return cache().open(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
