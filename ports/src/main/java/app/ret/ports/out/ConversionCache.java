package app.ret.ports.out;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.session.SessionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Conversion results kept by content ({@link ConversionKey}, which names the owning user too):
 * converting bytes that the same user converted before with the same options is a copy, not a
 * parse. Every entry is referred to by the sessions that produced or opened it, and lives only as
 * long as one of them does: {@link #purge} (a session ending) removes the session's references and
 * every entry left without one. The cache is bounded: past its size the least recently used
 * entries go. An entry appears whole or not at all.
 */
public interface ConversionCache extends SessionResourceCleaner {
    /** The stored CSV and what it holds, now referred to by {@code session}; empty on a miss. The caller closes it. */
    Optional<CachedCsv> open(SessionId session, ConversionKey key) throws IOException;

    /**
     * Lets {@code producer} write a new entry's CSV and keeps it, referred to by {@code session},
     * only when the producer returns a summary (an entry already there wins: same key, same bytes).
     * A refusal, or an exception, keeps nothing. Returns what the producer returned.
     */
    ConversionResult produce(SessionId session, ConversionKey key, CsvProducer producer) throws IOException;

    /**
     * Removes the references of every session that {@code isLive} denies, and the entries left
     * without one: what a crash, or a conversion that finished after its session ended, left
     * behind. Idempotent; reports what it removed.
     */
    CleanupReport purgeOrphans(Predicate<SessionId> isLive);

    /**
     * The CSV bytes of the entries any of {@code sessions} refers to, each entry counted once: what
     * those sessions' conversion results cost their owner's quota.
     */
    long bytesReferencedBy(Collection<SessionId> sessions);

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
