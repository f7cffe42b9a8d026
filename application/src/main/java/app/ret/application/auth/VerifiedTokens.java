package app.ret.application.auth;

import app.ret.domain.token.AccessClaims;
import app.ret.ports.out.AccessTokenCodec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens whose signature has been checked, with their claims, so that a client sending the
 * same token on every request pays for the HMAC and the JSON once. A token is immutable and signed,
 * so its claims never change; whether they are still acceptable (expiry) and whether their session
 * is still active are checked on every request by the caller. Only exact, verified token strings
 * are remembered, so nothing unverified can ever come out of here.
 */
final class VerifiedTokens {
    /** About 3 MB of tokens at most; past it the memory starts over (the next use of each token verifies it again). */
    static final int CAPACITY = 10_000;

    private final AccessTokenCodec codec;
    private final Map<String, AccessClaims> verified = new ConcurrentHashMap<>();

    VerifiedTokens(AccessTokenCodec codec) {
        this.codec = codec;
    }

    Optional<AccessClaims> decode(String token) {
        AccessClaims known = verified.get(token);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AccessClaims> decoded = codec.decode(token);
        decoded.ifPresent(claims -> {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(token, claims);
        });
        return decoded;
    }
}
