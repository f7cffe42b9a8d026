package app.ret.domain.job;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** 128 random bits, written as 32 lower-case hex digits: unguessable, so an id alone reveals nothing. */
public record JobId(String value) {
    public static final int RANDOM_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public JobId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("job id must be 32 lower-case hex digits");
        }
    }

    public static JobId fromRandomBytes(byte[] bytes) {
        if (bytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("job id needs exactly " + RANDOM_BYTES + " random bytes");
        }
        return new JobId(HexFormat.of().formatHex(bytes));
    }

    public static boolean isValid(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
