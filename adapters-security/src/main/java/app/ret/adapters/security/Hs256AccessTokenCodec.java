package app.ret.adapters.security;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.AccessClaims;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import app.ret.ports.out.AccessTokenCodec;
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
 * JWS compact tokens signed with HMAC-SHA256. The algorithm is pinned: any header but the one this
 * codec writes ({@code alg} HS256, {@code typ} JWT) — {@code none} and every other algorithm
 * included — is refused before the signature is looked at.
 */
public final class Hs256AccessTokenCodec implements AccessTokenCodec {
    public static final int MIN_KEY_BYTES = 32;
    static final String TOKEN_TYPE = "access";
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretKeySpec key;
    /** A keyed Mac per thread: creating and keying one costs more than the HMAC of a token. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Hs256AccessTokenCodec(byte[] secret) {
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("an HS256 key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
    }

    @Override
    public String encode(AccessClaims claims) {
        byte[] payload = FlatJsonObject.builder()
                .put("typ", TOKEN_TYPE)
                .put("sub", claims.username().value())
                .put("role", claims.role().wireName())
                .put("sid", claims.sessionId().value())
                .put("iat", claims.issuedAt().getEpochSecond())
                .put("exp", claims.expiresAt().getEpochSecond())
                .put("jti", claims.tokenId())
                .toBytes();
        String signingInput = HEADER + "." + ENCODER.encodeToString(payload);
        return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
    }

    @Override
    public Optional<AccessClaims> decode(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            // Only the header this codec writes is accepted: the algorithm stays pinned, and no JSON is parsed for it.
            if (!HEADER.equals(parts[0])) {
                return Optional.empty();
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            FlatJsonObject payload = FlatJsonObject.parse(DECODER.decode(parts[1]));
            if (!payload.string("typ").filter(TOKEN_TYPE::equals).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new AccessClaims(
                    new SessionId(payload.string("sid").orElse("")),
                    new Username(payload.string("sub").orElse("")),
                    Role.fromWireName(payload.string("role").orElse("")),
                    Instant.ofEpochSecond(requiredLong(payload, "iat")),
                    Instant.ofEpochSecond(requiredLong(payload, "exp")),
                    payload.string("jti").orElse("")));
        } catch (IllegalArgumentException | DateTimeException e) {
            // A signature says who wrote the payload, not that it is well formed: an epoch second
            // beyond Instant's range is refused like any other malformed claim.
            return Optional.empty();
        }
    }

    private static long requiredLong(FlatJsonObject payload, String claim) {
        return payload.integer(claim).orElseThrow(() -> new IllegalArgumentException("claim " + claim + " missing"));
    }

    private byte[] sign(String signingInput) {
        return macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
