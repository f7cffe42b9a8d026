package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 over HTTP: session state counts in SESSION_QUOTA_MB, all of a user's sessions in USER_QUOTA_MB. */
class QuotasEndToEndTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path root;

    @RegisterExtension
    final ServerClosedAfterEach server = new ServerClosedAfterEach();
    private RunningRet ret;

    @Test
    void stateBeyondTheSessionQuotaIs413QuotaExceeded() {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("SESSION_QUOTA_MB", "1", "USER_QUOTA_MB", "4"));
        Login dave = ret.loginAsNewUser("dave");
        for (int i = 0; i < 4; i++) {
            assertThat(putState(dave, "part" + i, 250_000).statusCode()).isEqualTo(204);
        }

        HttpResponse<String> over = putState(dave, "part4", 250_000);

        assertQuotaExceeded(over, "SESSION_QUOTA_MB");
        assertQuotaExceeded(ret.upload(dave.accessToken(), "a.xml", "application/xml", xmlOf(MIB - 1_000_000 + 1)), "SESSION_QUOTA_MB");
        assertThat(ret.upload(dave.accessToken(), "a.xml", "application/xml", xmlOf(MIB - 1_000_000)).statusCode()).isEqualTo(201);
    }

    @Test
    void allSessionsOfOneUserShareTheUserQuota() {
        ret = server.start(root, MutableClock.atSomeFixedTime(), Map.of("SESSION_QUOTA_MB", "2", "USER_QUOTA_MB", "2"));
        Login first = ret.loginAsNewUser("dave");
        Login second = ret.login("dave", "secret-password");
        assertThat(ret.upload(first.accessToken(), "a.xml", "application/xml", xmlOf(MIB)).statusCode()).isEqualTo(201);
        assertThat(putState(second, "k", 500_000).statusCode()).isEqualTo(204);

        assertQuotaExceeded(ret.upload(second.accessToken(), "b.xml", "application/xml", xmlOf(MIB - 500_000 + 1)), "USER_QUOTA_MB");
        assertThat(ret.upload(second.accessToken(), "b.xml", "application/xml", xmlOf(MIB - 500_000)).statusCode()).isEqualTo(201);
        assertQuotaExceeded(putState(first, "k", 2), "USER_QUOTA_MB");
    }

    /** A JSON string of exactly {@code bytes} bytes. */
    private HttpResponse<String> putState(Login login, String key, int bytes) {
        return ret.send(ret.request("/api/session/state/" + key).header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("\"" + "v".repeat(bytes - 2) + "\"")));
    }

    private static byte[] xmlOf(int bytes) {
        return ("<a>" + "x".repeat(bytes - 7) + "</a>").getBytes(StandardCharsets.UTF_8);
    }

    private static void assertQuotaExceeded(HttpResponse<String> response, String quota) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = RunningRet.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("quota_exceeded");
        assertThat(problem.get("detail").asText()).contains(quota);
    }
}
