package app.ret.ports.out;

import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversion results kept once, by content ({@link ConversionKey}), for every session: converting
 * bytes that were converted before with the same options is a copy, not a parse. Entries belong to
 * no session, so session endings do not remove them. An entry appears whole or not at all.
 */
public interface ConversionCache {
    /** The stored CSV and what it holds; empty on a miss. The caller closes it. */
    Optional<CachedCsv> open(ConversionKey key) throws IOException;

    /**
     * Lets {@code producer} write a new entry's CSV and keeps it only when the producer returns a
     * summary (an entry already there wins: same key, same bytes). A refusal, or an exception, keeps
     * nothing. Returns what the producer returned.
     */
    ConversionResult produce(ConversionKey key, CsvProducer producer) throws IOException;

    @FunctionalInterface
    interface CsvProducer {
        ConversionResult writeTo(OutputStream csv) throws IOException;
    }

    record CachedCsv(ConversionSummary summary, InputStream csv) implements AutoCloseable {
        public CachedCsv {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(csv, "csv");
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }
}
