package app.ret.domain.cache;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * One prefix per character a key may start with: together they cover every possible key, so
     * deleting by each of them empties a tier through its prefix operation alone.
     */
    public static List<CacheKeyPrefix> coveringEveryKey() {
        List<CacheKeyPrefix> prefixes = new ArrayList<>();
        for (char first = '!'; first <= '~'; first++) {
            prefixes.add(new CacheKeyPrefix(String.valueOf(first)));
        }
        return List.copyOf(prefixes);
    }

    public boolean matches(CacheKey key) {
        return key.startsWith(this);
    }

    /**
     * The smallest string above every key that starts with this prefix: the prefix with its last
     * character raised by one. Keys are visible ASCII, so that character is at most DEL and the bound
     * orders the same in Java as in a database's binary collation; a prefix is then the key range
     * {@code [value, upperBound)}, which an index answers without a scan or a wildcard match.
     */
    public String upperBound() {
        char last = value.charAt(value.length() - 1);
        return value.substring(0, value.length() - 1) + (char) (last + 1);
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
