package app.ret.ports.in;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session's own state: JSON values under client-chosen keys, kept in the two-tier cache and
 * never visible to another session. A value never outlives its session: its expiry is capped at
 * the session's absolute end, and ending the session removes it.
 */
public interface SessionStateUseCase {
    /** The most bytes one value may have (1 MiB). */
    int MAX_VALUE_BYTES = 1024 * 1024;

    PutResult put(PutCommand command);

    GetResult get(SessionId sessionId, String key);

    DeleteResult delete(SessionId sessionId, String key);

    /** The session's live entries, sorted by key. */
    List<StateEntry> list(SessionId sessionId);

    /**
     * {@code json} is one well-formed JSON value, stored byte for byte (checking the syntax is the
     * caller's, which parses it anyway); an empty {@code ttl} means the default.
     */
    record PutCommand(SessionId sessionId, String key, byte[] json, Optional<Duration> ttl) {
        public PutCommand {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public String toString() {
            return "PutCommand[session=" + sessionId + ", key=" + key + ", bytes=" + json.length + ", ttl=" + ttl + "]";
        }
    }

    record StateEntry(String key, long size, Optional<Instant> expiresAt) {}

    sealed interface PutResult {}

    sealed interface GetResult {}

    sealed interface DeleteResult {}

    record Stored(StateEntry entry) implements PutResult {}

    record Found(CacheEntry entry) implements GetResult {}

    record Deleted() implements DeleteResult {}

    /** Absent or expired. */
    record NotFound() implements GetResult, DeleteResult {}

    /** A key or time to live outside the rules; {@code reason} is safe to show to the client. */
    record Invalid(String reason) implements PutResult, GetResult, DeleteResult {}

    record TooLarge(int maxBytes) implements PutResult {}

    /** Storing it would take the session or its user over a quota (state counts in both); {@code detail} says which. */
    record QuotaExceeded(String detail) implements PutResult {}

    /** The session ended (or is about to) while the request was on its way; nothing was stored. */
    record SessionOver() implements PutResult {}
}
