package app.ret.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.token.AccessClaims;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWT decoder under arbitrary input (ADR 0017). Seeds in {@code Hs256AccessTokenCodecFuzzTestInputs}:
 * real tokens and payloads of this key. Long run:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -B -pl adapters-security -am test -Dtest='Hs256AccessTokenCodecFuzzTest#anyTextIsRefusedUnlessSignedWithTheKey' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class Hs256AccessTokenCodecFuzzTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** The one header the codec writes, spelled out here so that the test does not trust the codec for it. */
    private static final String HEADER = BASE64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final Hs256AccessTokenCodec codec = new Hs256AccessTokenCodec(KEY);

    /**
     * Any text: the decoder answers without throwing, and whatever it accepts carries the HMAC of
     * this key over its first two parts, checked here with the JDK's own Mac.
     */
    @FuzzTest
    void anyTextIsRefusedUnlessSignedWithTheKey(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);

        Optional<AccessClaims> claims = codec.decode(token);

        if (claims.isPresent()) {
            String[] parts = token.split("\\.", -1);
            assertThat(parts).hasSize(3);
            assertThat(parts[0]).isEqualTo(HEADER);
            assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(hmac(KEY, parts[0] + "." + parts[1]));
        }
    }

    /**
     * Any payload bytes under the right header: signed with another key they are refused; signed
     * with this key the decoder still never throws (a signature says who wrote the payload, not
     * that it is well formed), and what it accepts re-encodes to the same token's claims.
     */
    @FuzzTest
    void signedPayloadsNeverBreakTheDecoderAndForeignKeysNeverPass(byte[] payload) {
        String signingInput = HEADER + "." + BASE64URL.encodeToString(payload);

        Optional<AccessClaims> foreign = codec.decode(signingInput + "." + BASE64URL.encodeToString(hmac(OTHER_KEY, signingInput)));
        Optional<AccessClaims> own = codec.decode(signingInput + "." + BASE64URL.encodeToString(hmac(KEY, signingInput)));

        assertThat(foreign).isEmpty();
        own.ifPresent(claims -> assertThat(codec.decode(codec.encode(claims))).contains(claims));
    }

    private static byte[] hmac(byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
