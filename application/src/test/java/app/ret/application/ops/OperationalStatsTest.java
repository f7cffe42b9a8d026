package app.ret.application.ops;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.OperationalStats;
import app.ret.ports.in.SessionQueryUseCase.SessionOverview;
import app.ret.ports.out.WorkspaceUsage;
import app.ret.ports.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees: the active sessions with their workspaces, added up, and the 429s since the start. */
class OperationalStatsTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    Path runtimeRoot;

    @Test
    void theSnapshotAddsUpEveryActiveSessionsWorkspace() throws IOException {
        RetCore core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(16 << 20, 64 << 20));
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        core.userAdministration().addUser("bob", Role.USER, "password-1".toCharArray());
        SessionId alice = TestCores.login(core, "alice", "password-1").session().id();
        SessionId bob = TestCores.login(core, "bob", "password-1").session().id();
        upload(core, alice, "a.xml", "<a/>");
        upload(core, alice, "b.xml", "<b>1</b>");
        upload(core, bob, "c.xml", "<c/>");

        OperationalStats stats = core.operationalStats().snapshot();

        assertThat(stats.activeSessions()).isEqualTo(2);
        assertThat(stats.workspaceFiles()).isEqualTo(3);
        assertThat(stats.workspaceBytes()).isEqualTo(4 + 8 + 4);
        assertThat(core.sessionQueries().activeSessions()).extracting(SessionOverview::usage)
                .containsExactlyInAnyOrder(new WorkspaceUsage(2, 12), new WorkspaceUsage(1, 4));
    }

    @Test
    void throttledLoginsAndRefusedRequestsAreCountedFromTheStart() {
        RetCore core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(16 << 20, 64 << 20));
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        for (int i = 0; i < 5; i++) {
            assertThat(login(core, "wrong-password")).isInstanceOf(LoginResult.Rejected.class);
        }
        RateLimitKey caller = RateLimitKey.forClientAddress("192.0.2.1");
        for (int i = 0; i < 100; i++) {
            core.rateLimit().check(caller);
        }

        assertThat(login(core, "password-1")).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "password-1")).isInstanceOf(LoginResult.Throttled.class);
        assertThat(core.rateLimit().check(caller)).isInstanceOf(RateLimitDecision.Refused.class);

        OperationalStats stats = core.operationalStats().snapshot();
        assertThat(stats.loginThrottles()).isEqualTo(2);
        assertThat(stats.apiRateLimitRefusals()).isEqualTo(1);
    }

    private static LoginResult login(RetCore core, String password) {
        return core.login().login(new LoginCommand("alice", password.toCharArray(), "192.0.2.1"));
    }

    private static void upload(RetCore core, SessionId session, String name, String xml) throws IOException {
        core.files().upload(session, name, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
