package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TARGETS.md R10: every forged, altered, expired or orphaned token is a 401 problem. */
class JwtMatrixEndToEndTest extends ServerPerTestFixture {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private Login login;

    @BeforeEach
    void logIn() {
        login = ret.loginAsAdmin();
    }

    private String header(String token) {
        return new String(DECODE.decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private String payload(String token) {
        return new String(DECODE.decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String headerJson, String payloadJson, String algorithm, byte[] key) throws Exception {
        String input = encode(headerJson) + "." + encode(payloadJson);
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private void assertRefused(String token) {
        HttpResponse<String> response = ret.get("/api/auth/me", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(RunningRet.json(response).get("code").asText()).isEqualTo("unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("RFC 6750 §3.1: a presented token was refused")
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\", error_description=\""));
    }

    @Test
    void theGenuineTokenWorks() {
        assertThat(ret.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(200);
        assertThat(header(login.accessToken())).contains("\"alg\":\"HS256\"");
        assertThat(payload(login.accessToken())).contains("\"typ\":\"access\"", "\"sid\":", "\"exp\":", "\"iat\":", "\"jti\":");
    }

    @Test
    void algNoneIsRefused() {
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payload(login.accessToken())) + ".";
        assertRefused(unsigned);
        assertRefused(unsigned.substring(0, unsigned.length() - 1));
    }

    @Test
    void algorithmSwapIsRefusedEvenWithTheRightKey() throws Exception {
        byte[] key = RunningRet.JWT_SECRET.getBytes(StandardCharsets.UTF_8);
        assertRefused(sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", payload(login.accessToken()), "HmacSHA512", key));
        assertRefused(sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload(login.accessToken()), "HmacSHA256", key));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = login.accessToken().split("\\.");
        String elevated = encode(payload(login.accessToken()).replace("\"role\":\"admin\"", "\"role\":\"user\"").replace("\"exp\":", "\"exp\":1"));
        assertRefused(parts[0] + "." + elevated + "." + parts[2]);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        assertRefused(sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload(login.accessToken()), "HmacSHA256",
                "another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTokenOfTheWrongTypeIsRefused() throws Exception {
        byte[] key = RunningRet.JWT_SECRET.getBytes(StandardCharsets.UTF_8);
        String refreshTyped = payload(login.accessToken()).replace("\"typ\":\"access\"", "\"typ\":\"refresh\"");
        assertRefused(sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", refreshTyped, "HmacSHA256", key));
        String sameAgain = sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload(login.accessToken()), "HmacSHA256", key);
        assertThat(ret.get("/api/auth/me", sameAgain).statusCode()).as("control: re-signing the genuine payload works").isEqualTo(200);
    }

    @Test
    void expiryIsEnforcedBeyondAFiveSecondSkew() {
        ret.clock.advance(Duration.ofMinutes(30).plusSeconds(4));
        assertThat(ret.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(200);
        ret.clock.advance(Duration.ofSeconds(1));
        assertRefused(login.accessToken());
    }

    @Test
    void aTokenOfAnEndedSessionIsRefused() {
        assertThat(ret.post("/api/auth/logout", login.accessToken()).statusCode()).isEqualTo(200);
        assertRefused(login.accessToken());
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not-a-token");
        assertRefused("a.b.c");
        assertRefused("");
    }
}
