package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.DamagedPages;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a server on a copy of its database with one page overwritten answers {@code SELECT 1}
 * and so was ready; now the maintenance scheduler's {@code PRAGMA quick_check} finds the damage and
 * readiness says so, with the reason — at the next check, not at every probe.
 */
class DamagedDatabaseReadinessTest {
    private static final Duration SWEEP = Duration.ofSeconds(30);

    @TempDir
    Path original;

    @TempDir
    Path copy;

    @Test
    void theNextQuickCheckMakesTheServerNotReadyAndNamesTheDamage() throws Exception {
        MutableClock clock = MutableClock.atSomeFixedTime();
        try (RunningRet ret = RunningRet.start(original, clock, Map.of())) {
            Login alice = ret.loginAsNewUser("alice");
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> stored = ret.send(ret.request("/api/session/state/k" + i)
                        .header("Authorization", "Bearer " + alice.accessToken()).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(2000) + i + "\"")));
                assertThat(stored.statusCode()).isEqualTo(204);
            }
        }
        Files.copy(original.resolve("ret_session.db"), copy.resolve("ret_session.db"));
        DamagedPages.overwriteLastPage(copy.resolve("ret_session.db"));

        try (RunningRet damaged = RunningRet.start(copy, clock, Map.of("SWEEP_INTERVAL_SECONDS", Long.toString(SWEEP.toSeconds())))) {
            assertThat(ready(damaged).statusCode()).as("SELECT 1 does not see the damage").isEqualTo(200);

            clock.advance(SWEEP);
            damaged.runtime.core().maintenance().runDue();

            HttpResponse<String> notReady = ready(damaged);
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonNode problem = RunningRet.json(notReady);
            assertThat(problem.get("checks").get("database").asText()).isEqualTo("integrity check failed: the database is damaged");
            assertThat(problem.get("detail").asText()).contains("database: integrity check failed: the database is damaged");
        }
    }

    private static HttpResponse<String> ready(RunningRet ret) {
        return ret.send(ret.request("/readyz").GET());
    }
}
