package app.ret.domain.user;

import java.util.regex.Pattern;

/** A login name: 1–64 characters of letters, digits, dot, dash and underscore. */
public record Username(String value) implements Comparable<Username> {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Username {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("username must be 1-64 characters of [A-Za-z0-9._-]");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && ALLOWED.matcher(candidate).matches();
    }

    @Override
    public int compareTo(Username other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
