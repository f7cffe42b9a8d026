package app.ret.domain.session;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** 128 random bits, written as 32 lower-case hex digits (safe as a directory name). */
public record SessionId(String value) {
    public static final int RANDOM_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public SessionId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("session id must be 32 lower-case hex digits");
        }
    }

    public static SessionId fromRandomBytes(byte[] bytes) {
        if (bytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("session id needs exactly " + RANDOM_BYTES + " random bytes");
        }
        return new SessionId(HexFormat.of().formatHex(bytes));
    }

    public static boolean isValid(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
