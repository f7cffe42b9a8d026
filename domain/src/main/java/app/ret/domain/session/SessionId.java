package app.ret.domain.session;

import app.ret.domain.id.RandomId;

/** A session's {@link RandomId} (also the name of its workspace directory). */
public record SessionId(String value) {
    public static final int RANDOM_BYTES = RandomId.RANDOM_BYTES;
    private static final String WHAT = "session id";

    public SessionId {
        RandomId.requireValid(value, WHAT);
    }

    public static SessionId fromRandomBytes(byte[] bytes) {
        return new SessionId(RandomId.fromRandomBytes(bytes, WHAT));
    }

    public static boolean isValid(String candidate) {
        return RandomId.isValid(candidate);
    }

    @Override
    public String toString() {
        return value;
    }
}
