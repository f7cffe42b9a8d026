package app.ret.adapters.security;

import app.ret.domain.token.DeviceCookie;
import app.ret.domain.user.Username;
import app.ret.ports.out.DeviceCookieCodec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies as {@code <username, base64url>.<nonce>.<issued, epoch seconds>.<HMAC-SHA256, base64url>}
 * — every character a cookie value may hold. The MAC key is derived from the access tokens' key
 * (HMAC of a fixed label), so instances sharing {@code JWT_SECRET_KEY} accept each other's device
 * cookies while no device cookie can ever pass for a token signature or the other way round.
 */
public final class HmacDeviceCookieCodec implements DeviceCookieCodec {
    private static final String HMAC = "HmacSHA256";
    private static final byte[] KEY_LABEL = "ret device cookie v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 512;

    private final SecretKeySpec key;

    public HmacDeviceCookieCodec(byte[] secret) {
        if (secret.length < Hs256AccessTokenCodec.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a device cookie key needs at least " + Hs256AccessTokenCodec.MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret.clone(), HMAC), KEY_LABEL), HMAC);
    }

    @Override
    public String encode(DeviceCookie cookie) {
        String signed = ENCODER.encodeToString(cookie.username().value().getBytes(StandardCharsets.US_ASCII))
                + "." + cookie.nonce() + "." + cookie.issuedAt().getEpochSecond();
        return signed + "." + ENCODER.encodeToString(mac(key, signed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public Optional<DeviceCookie> decode(String value) {
        if (value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int signatureStart = value.lastIndexOf('.');
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            byte[] expected = mac(key, value.substring(0, signatureStart).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[3]))) {
                return Optional.empty();
            }
            return Optional.of(new DeviceCookie(new Username(new String(DECODER.decode(parts[0]), StandardCharsets.US_ASCII)),
                    parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
