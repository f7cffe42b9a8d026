package app.ret.domain.id;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The form of every random identifier (sessions, jobs): 128 random bits written as 32 lower-case
 * hex digits — unguessable, so an id alone reveals nothing, and safe as a directory name.
 */
public final class RandomId {
    public static final int RANDOM_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private RandomId() {}

    public static boolean isValid(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    /** {@code value} itself when well formed; else an exception naming {@code what} it should have been. */
    public static String requireValid(String value, String what) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(what + " must be 32 lower-case hex digits");
        }
        return value;
    }

    public static String fromRandomBytes(byte[] bytes, String what) {
        if (bytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException(what + " needs exactly " + RANDOM_BYTES + " random bytes");
        }
        return HexFormat.of().formatHex(bytes);
    }
}
