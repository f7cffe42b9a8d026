package app.ret.domain.cache;

/**
 * A cache key: 1–512 visible ASCII characters (no space, no control characters). Keeping keys to
 * ASCII makes their order the same everywhere (Java strings, SQLite's binary collation), so a key
 * prefix is one contiguous range in every tier.
 */
public record CacheKey(String value) implements Comparable<CacheKey> {
    public static final int MAX_LENGTH = 512;

    public CacheKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("cache key must be 1-" + MAX_LENGTH + " visible ASCII characters");
        }
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    public boolean startsWith(CacheKeyPrefix prefix) {
        return value.startsWith(prefix.value());
    }

    @Override
    public int compareTo(CacheKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
