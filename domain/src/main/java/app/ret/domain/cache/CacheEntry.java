package app.ret.domain.cache;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A cached value: its bytes, when it was written and when (if ever) it expires. Immutable: the
 * bytes are copied in and out, so no holder can change what another one reads. Times are kept to
 * the millisecond, the precision every tier stores.
 */
public record CacheEntry(CacheKey key, byte[] value, Instant createdAt, Optional<Instant> expiresAt) {

    public CacheEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        value = value.clone();
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        expiresAt = expiresAt.map(instant -> instant.truncatedTo(ChronoUnit.MILLIS));
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(createdAt)) {
            throw new IllegalArgumentException("a cache entry must expire after it is written");
        }
    }

    /** An entry written at {@code now} that lives for {@code ttl}. */
    public static CacheEntry expiring(CacheKey key, byte[] value, Instant now, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a time to live must be positive");
        }
        return new CacheEntry(key, value, now, Optional.of(now.plus(ttl)));
    }

    /** A copy of the stored bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The number of value bytes. */
    public int size() {
        return value.length;
    }

    /** Expiry is exact: at the instant it expires the entry is gone. */
    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    public CacheEntrySummary summary() {
        return new CacheEntrySummary(key, value.length, createdAt, expiresAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheEntry that
                && key.equals(that.key)
                && Arrays.equals(value, that.value)
                && createdAt.equals(that.createdAt)
                && expiresAt.equals(that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), createdAt, expiresAt);
    }

    @Override
    public String toString() {
        return "CacheEntry[key=" + key + ", size=" + value.length + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("never") + "]";
    }
}
