package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idle and absolute timeouts with a fake clock: tokens stop working at the instant, the sweep removes everything. */
class SessionExpiryEndToEndTest extends ServerPerTestFixture {

    @Test
    void anIdleSessionEndsAtItsIdleTimeout() throws Exception {
        Login login = ret.loginAsAdmin();
        Files.write(ret.sessionDirectory(login.sessionId()).resolve("input").resolve("x.xml"), new byte[7]);

        ret.clock.advance(Duration.ofMinutes(60).minusSeconds(1));
        assertThat(ret.runtime.core().sessionMaintenance().endExpiredSessions()).isZero();
        ret.clock.advance(Duration.ofSeconds(1));

        assertThat(ret.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.refresh(login.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(ret.runtime.core().sessionMaintenance().endExpiredSessions()).isEqualTo(1);
        assertThat(ret.sessionDirectory(login.sessionId())).doesNotExist();
        assertThat(ret.runtime.core().sessionQueries().activeSessions()).isEmpty();
    }

    @Test
    void activityPostponesIdleExpiryButNotTheAbsoluteOne() {
        Login login = ret.loginAsAdmin();
        String refreshToken = login.refreshToken();
        String accessToken = login.accessToken();
        for (int hour = 1; hour < 12; hour++) {
            ret.clock.advance(Duration.ofMinutes(50));
            var refreshed = ret.refresh(refreshToken);
            assertThat(refreshed.statusCode()).as("refresh after %d x 50 minutes", hour).isEqualTo(200);
            refreshToken = RunningRet.refreshCookie(refreshed);
            accessToken = RunningRet.json(refreshed).get("access_token").asText();
            ret.clock.advance(Duration.ofMinutes(10));
            assertThat(ret.get("/api/auth/me", accessToken).statusCode()).isEqualTo(200);
            assertThat(ret.runtime.core().sessionMaintenance().endExpiredSessions()).isZero();
        }
        ret.clock.advance(Duration.ofMinutes(50));
        var lastRefresh = ret.refresh(refreshToken);
        assertThat(lastRefresh.statusCode()).isEqualTo(200);
        assertThat(lastRefresh.headers().firstValue("Set-Cookie").orElseThrow())
                .as("the refresh cookie never outlives the absolute timeout").endsWith("Max-Age=600");
        accessToken = RunningRet.json(lastRefresh).get("access_token").asText();
        ret.clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(ret.get("/api/auth/me", accessToken).statusCode()).isEqualTo(200);
        ret.clock.advance(Duration.ofSeconds(1));

        assertThat(ret.get("/api/auth/me", accessToken).statusCode()).isEqualTo(401);
        assertThat(ret.runtime.core().sessionMaintenance().endExpiredSessions()).isEqualTo(1);
        assertThat(ret.sessionDirectory(login.sessionId())).doesNotExist();
    }

    @Test
    void theSweeperEndsExpiredSessionsOnItsOwn() throws Exception {
        ret.close();
        ret = RunningRet.start(root, ret.clock, Map.of("SWEEP_INTERVAL_SECONDS", "1"));
        Login login = ret.loginAsAdmin();
        ret.clock.advance(Duration.ofHours(2));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(ret.sessionDirectory(login.sessionId())) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ret.sessionDirectory(login.sessionId())).doesNotExist();
    }
}
