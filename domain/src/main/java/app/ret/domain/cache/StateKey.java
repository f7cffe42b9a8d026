package app.ret.domain.cache;

/** The name a client gives a piece of its session state: 1–200 characters of {@code [A-Za-z0-9._:-]}. */
public record StateKey(String value) implements Comparable<StateKey> {
    public static final int MAX_LENGTH = 200;
    public static final String RULE = "key must be 1-" + MAX_LENGTH + " characters of [A-Za-z0-9._:-]";

    public StateKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException(RULE);
        }
    }

    /** A character loop rather than a regular expression: this runs on every state request. */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(StateKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
