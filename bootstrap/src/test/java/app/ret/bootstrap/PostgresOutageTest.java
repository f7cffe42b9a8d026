package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TARGETS.md R14: PostgreSQL stops while the server serves. Requests get 503 {@code unavailable}
 * problems within the connect timeout and {@code /readyz} names the database; once PostgreSQL is back
 * the same server serves again, and every write acknowledged before the outage is there.
 */
class PostgresOutageTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** TARGETS.md R14: 503 within 5 s. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final PostgresServer server = PostgresServer.startOwn();
    private RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = RunningRet.start(root, MutableClock.atSomeFixedTime(), Map.of(
                "RET_DATABASE_URL", server.newDatabase().url(),
                "RET_DATABASE_CONNECT_TIMEOUT_SECONDS", Long.toString(CONNECT_TIMEOUT.toSeconds())));
    }

    @AfterEach
    void stopServer() {
        ret.close();
        server.stop();
    }

    @Test
    void anOutageIsAnsweredWith503AndTheSameServerServesAgainWithEveryAcknowledgedWrite() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            assertThat(put(alice, "k" + i, "\"value " + i + "\"").statusCode()).isEqualTo(204);
            acknowledged.add("k" + i);
        }

        server.stop();
        long stoppedAt = System.nanoTime();
        HttpResponse<String> write = put(alice, "during", "\"lost\"");
        Duration firstAnswer = Duration.ofNanos(System.nanoTime() - stoppedAt);
        HttpResponse<String> read = ret.get("/api/session/state/k0", alice.accessToken());
        HttpResponse<String> ready = ret.send(ret.request("/readyz").GET());

        for (HttpResponse<String> refused : List.of(write, read, ready)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(RunningRet.json(refused).get("code").asText()).isEqualTo("unavailable");
        }
        assertThat(write.headers().firstValue("Retry-After")).isPresent();
        assertThat(firstAnswer).as("503 within the connect timeout, well inside R14's bound").isLessThan(ANSWER_BOUND);
        assertThat(RunningRet.json(ready).get("checks").get("database").asText()).isEqualTo("database unavailable");
        assertThat(ret.send(ret.request("/healthz").GET()).statusCode()).as("alive, only not ready").isEqualTo(200);

        server.restart();
        long restartedAt = System.nanoTime();
        while (ret.send(ret.request("/readyz").GET()).statusCode() != 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - restartedAt)).as("ready again after the restart").isLessThan(RECOVERY_WAIT);
            Thread.sleep(100);
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - restartedAt);

        for (int i = 0; i < acknowledged.size(); i++) {
            HttpResponse<String> kept = ret.get("/api/session/state/" + acknowledged.get(i), alice.accessToken());
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(kept.body()).isEqualTo("\"value " + i + "\"");
        }
        assertThat(put(alice, "after", "\"back\"").statusCode()).isEqualTo(204);
        JsonNode me = RunningRet.json(ret.get("/api/auth/me", alice.accessToken()));
        assertThat(me.get("username").asText()).isEqualTo("alice");
        System.out.printf("R14: first 503 %d ms after PostgreSQL stopped (connect timeout %d s); ready %d ms after it restarted; %d/%d acknowledged writes kept%n",
                firstAnswer.toMillis(), CONNECT_TIMEOUT.toSeconds(), recovery.toMillis(), acknowledged.size(), acknowledged.size());
    }

    private HttpResponse<String> put(Login login, String key, String json) {
        return ret.send(ret.request("/api/session/state/" + key).header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
}
