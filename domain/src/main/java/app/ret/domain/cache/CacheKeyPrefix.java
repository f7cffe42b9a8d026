package app.ret.domain.cache;

/**
 * The start of a group of cache keys (such as {@code session:<id>:}). Matching is literal and
 * case-sensitive: no character has a wildcard meaning.
 */
public record CacheKeyPrefix(String value) {
    public CacheKeyPrefix {
        if (!CacheKey.isValid(value)) {
            throw new IllegalArgumentException("cache key prefix must be 1-" + CacheKey.MAX_LENGTH + " visible ASCII characters");
        }
    }

    public boolean matches(CacheKey key) {
        return key.startsWith(this);
    }

    /** The key made of this prefix followed by {@code rest}. */
    public CacheKey key(String rest) {
        return new CacheKey(value + rest);
    }

    /** What follows this prefix in {@code key}, which must match it. */
    public String remainderOf(CacheKey key) {
        if (!matches(key)) {
            throw new IllegalArgumentException("key " + key + " does not start with " + value);
        }
        return key.value().substring(value.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
