package app.ret.application.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Random identifiers and secrets from the injected source, and the one-way hash of stored secrets. */
public final class SecretGenerator {
    private final RandomGenerator random;

    public SecretGenerator(RandomGenerator random) {
        this.random = random;
    }

    public byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return bytes;
    }

    String hex(int byteCount) {
        return HexFormat.of().formatHex(bytes(byteCount));
    }

    public String urlSafe(int byteCount) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
    }

    public static String sha256Hex(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
