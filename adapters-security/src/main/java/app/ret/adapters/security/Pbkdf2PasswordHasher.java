package app.ret.adapters.security;

import app.ret.domain.user.PasswordHash;
import app.ret.ports.out.PasswordHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256, encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64, no padding). */
public final class Pbkdf2PasswordHasher implements PasswordHasher {
    private static final String PREFIX = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final RandomGenerator random;

    public Pbkdf2PasswordHasher(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public PasswordHash hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        synchronized (random) {
            random.nextBytes(salt);
        }
        byte[] derived = derive(password, salt, iterations);
        Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        return new PasswordHash(PREFIX + "$" + iterations + "$" + encoder.encodeToString(salt) + "$" + encoder.encodeToString(derived), iterations);
    }

    @Override
    public boolean verify(char[] password, PasswordHash hash) {
        String[] parts = hash.encoded().split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
