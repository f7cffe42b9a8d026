package app.ret.domain.cache;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a listing shows of an entry: everything but its bytes. */
public record CacheEntrySummary(CacheKey key, long size, Instant createdAt, Optional<Instant> expiresAt) {
    public CacheEntrySummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative");
        }
    }
}
