package app.ret.ports.out;

import app.ret.domain.user.PasswordHash;

public interface PasswordHasher {
    PasswordHash hash(char[] password, int iterations);

    /** Constant-time comparison against the stored hash, using the parameters stored with it. */
    boolean verify(char[] password, PasswordHash hash);
}
