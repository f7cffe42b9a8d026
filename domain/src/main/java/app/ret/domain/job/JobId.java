package app.ret.domain.job;

import app.ret.domain.id.RandomId;

/** A job's {@link RandomId}: unguessable, so an id alone reveals nothing. */
public record JobId(String value) {
    public static final int RANDOM_BYTES = RandomId.RANDOM_BYTES;
    private static final String WHAT = "job id";

    public JobId {
        RandomId.requireValid(value, WHAT);
    }

    public static JobId fromRandomBytes(byte[] bytes) {
        return new JobId(RandomId.fromRandomBytes(bytes, WHAT));
    }

    public static boolean isValid(String candidate) {
        return RandomId.isValid(candidate);
    }

    @Override
    public String toString() {
        return value;
    }
}
