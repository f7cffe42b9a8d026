package app.ret.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.AccessClaims;
import app.ret.domain.token.DeviceCookie;
import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecurityCodecsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void tokensRoundTripWithSecondPrecision() {
        AccessClaims claims = new AccessClaims(new SessionId("0123456789abcdef0123456789abcdef"), new Username("alice"), Role.ADMIN,
                Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:30:00Z"), "jti");
        Hs256AccessTokenCodec codec = new Hs256AccessTokenCodec(KEY);
        assertThat(codec.decode(codec.encode(claims))).contains(claims);
        assertThat(new Hs256AccessTokenCodec("another key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8))
                .decode(codec.encode(claims))).isEmpty();
    }

    @Test
    void deviceCookiesRoundTripAndRefuseEveryChange() {
        DeviceCookie cookie = new DeviceCookie(new Username("dave.o-k_1"), "0123456789abcdef0123456789abcdef",
                Instant.parse("2026-11-25T12:00:00Z"));
        HmacDeviceCookieCodec codec = new HmacDeviceCookieCodec(KEY);
        String encoded = codec.encode(cookie);

        assertThat(encoded).matches("[A-Za-z0-9_.-]+");
        assertThat(codec.decode(encoded)).contains(cookie);
        assertThat(new HmacDeviceCookieCodec("another key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8)).decode(encoded)).isEmpty();
        String otherName = codec.encode(new DeviceCookie(new Username("admin"), cookie.nonce(), cookie.issuedAt()));
        String forged = otherName.substring(0, otherName.indexOf('.')) + encoded.substring(encoded.indexOf('.'));
        assertThat(codec.decode(forged)).isEmpty();
        assertThat(codec.decode(encoded.replace(".1795", ".1796"))).isEmpty();
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode("a.b.c.d")).isEmpty();
        assertThat(codec.decode(encoded + ".x")).isEmpty();
        // An access token's signature is no device cookie's, with the same key.
        assertThat(codec.decode(new Hs256AccessTokenCodec(KEY).encode(new AccessClaims(new SessionId("0123456789abcdef0123456789abcdef"),
                new Username("dave"), Role.USER, Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:30:00Z"), "jti"))))
                .isEmpty();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new Hs256AccessTokenCodec(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordsVerifyOnlyWhenRightAndCarryTheirParameters() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(new Random(7));
        PasswordHash hash = hasher.hash("correct horse".toCharArray(), 1000);
        assertThat(hash.encoded()).startsWith("pbkdf2-sha256$1000$");
        assertThat(hash.iterations()).isEqualTo(1000);
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horsE".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("correct horse".toCharArray(), new PasswordHash("md5$abc", 1))).isFalse();
        assertThat(hasher.verify("x".toCharArray(), new PasswordHash("pbkdf2-sha256$nan$a$b", 1))).isFalse();
    }

    @Test
    void theSamePasswordGetsDifferentSalts() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(new Random(7));
        assertThat(hasher.hash("pw-12345".toCharArray(), 1000).encoded()).isNotEqualTo(hasher.hash("pw-12345".toCharArray(), 1000).encoded());
    }
}
