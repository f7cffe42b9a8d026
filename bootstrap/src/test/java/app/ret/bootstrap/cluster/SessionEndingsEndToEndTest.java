package app.ret.bootstrap.cluster;

import static app.ret.bootstrap.cluster.ClusterHttp.delete;
import static app.ret.bootstrap.cluster.ClusterHttp.get;
import static app.ret.bootstrap.cluster.ClusterHttp.login;
import static app.ret.bootstrap.cluster.ClusterHttp.post;
import static app.ret.bootstrap.cluster.ClusterHttp.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.cluster.ClusterHttp.Login;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every instance holds the sessions it serves in memory, and a session ended anywhere is refused by
 * every other instance at the very next request — no grace window: each ending path is taken on
 * one instance after every instance has served (and so holds) the session, and the next request
 * with its access token on each of the others is a 401.
 */
class SessionEndingsEndToEndTest extends ThreeInstancesPerClass {
    private static final int SESSIONS_PER_USER = 2;

    @BeforeAll
    static void startThree() {
        startThreeInstances(Map.of("RATE_LIMIT_REQUESTS", "1000000", "MAX_SESSIONS_PER_USER", Integer.toString(SESSIONS_PER_USER)));
    }

    @Test
    void aLogoutOnOneInstanceIsRefusedAtTheNextRequestOnTheOthers() {
        Login session = heldEverywhere(loginAsAdmin(a));
        assertThat(post(a, "/api/auth/logout", session.accessToken()).statusCode()).isEqualTo(200);
        assertRefusedOn(session, "after logout on a", b, c);
    }

    @Test
    void anAdminEndOnOneInstanceIsRefusedAtTheNextRequestOnTheOthers() {
        Login session = heldEverywhere(loginAsAdmin(c));
        Login admin = loginAsAdmin(a);
        assertThat(delete(b, "/api/admin/sessions/" + session.sessionId(), admin.accessToken()).statusCode()).isEqualTo(200);
        assertRefusedOn(session, "after the admin ended it on b", a, c);
    }

    @Test
    void refreshTokenReuseOnOneInstanceEndsTheSessionAtTheNextRequestOnTheOthers() {
        Login started = loginAsAdmin(a);
        Login rotated = heldEverywhere(started.refreshedWith(refresh(b, started.refreshToken())));
        assertThat(refresh(c, started.refreshToken()).statusCode()).as("the rotated refresh token replayed").isEqualTo(401);
        assertRefusedOn(rotated, "after reuse was detected on c", a, b);
    }

    @Test
    void disablingAUserOrSettingItsPasswordFromTheCommandLineIsRefusedAtTheNextRequestEverywhere() {
        cluster.addUser("erin", "erin-password-1");
        Login disabled = heldEverywhere(login(b, "erin", "erin-password-1"));
        RetInstance.Exited disabling = cluster.runCommand(Map.of(), "user", "disable", "erin");
        assertThat(disabling.code()).as(disabling.output()).isZero();
        assertRefusedOn(disabled, "after user disable", a, b, c);

        cluster.addUser("fred", "fred-password-1");
        Login reset = heldEverywhere(login(c, "fred", "fred-password-1"));
        RetInstance.Exited passwd = cluster.runCommand(Map.of("NEW_PASSWORD", "fred-password-2"), "user", "passwd", "fred",
                "--password-env", "NEW_PASSWORD");
        assertThat(passwd.code()).as(passwd.output()).isZero();
        assertRefusedOn(reset, "after user passwd", a, b, c);
    }

    @Test
    void aLoginBeyondTheSessionsPerUserOnOneInstanceEndsTheOldestSessionAtTheNextRequestOnTheOthers() {
        cluster.addUser("gina", "gina-password-1");
        Login oldest = heldEverywhere(login(a, "gina", "gina-password-1"));
        Login second = login(b, "gina", "gina-password-1");
        Login third = login(b, "gina", "gina-password-1");
        assertRefusedOn(oldest, "after a login beyond " + SESSIONS_PER_USER + " sessions on b", a, c);
        for (Login kept : List.of(second, third)) {
            assertThat(get(c, "/api/auth/me", kept.accessToken()).statusCode()).isEqualTo(200);
        }
    }

    /**
     * The session sat idle past its timeout (aged in the database): the sweeps of all three
     * instances look, one of them ends it, once, and none serves it after.
     */
    @Test
    void anIdleSessionEndedByASweepIsRefusedAtTheNextRequestEverywhere() throws Exception {
        Login session = heldEverywhere(loginAsAdmin(b));
        execute("UPDATE sessions SET created_at = created_at - (idle_timeout_ms + 60000) * interval '1 millisecond',"
                + " last_seen_at = last_seen_at - (idle_timeout_ms + 60000) * interval '1 millisecond' WHERE id = ?", session.sessionId());
        ThreeInstancesEndToEndTest.awaitOnEveryInstance(() -> cluster.instances().stream()
                .anyMatch(instance -> instance.log().contains("session " + session.sessionId() + " ended (idle_timeout)")));
        assertRefusedOn(session, "after the idle sweep ended it", a, b, c);
        String logs = cluster.instances().stream().map(RetInstance::log).reduce("", String::concat);
        assertThat(ThreeInstancesEndToEndTest.occurrences(logs, "session " + session.sessionId() + " ended ("))
                .as("the sweeps of all three instances ended it once").isEqualTo(1);
    }

    /**
     * B's listening connection is cut and the session ends meanwhile without a notice reaching B (the
     * ending is written beside the cut, as a notice lost in the outage would be): once B listens
     * again, it has dropped what it held and refuses the session.
     */
    @Test
    void aSessionEndedWhileAnInstancesListenerWasCutIsRefusedThere() throws Exception {
        Login session = loginAsAdmin(a);
        for (int i = 0; i < 3; i++) {
            assertThat(get(b, "/api/auth/me", session.accessToken()).statusCode()).isEqualTo(200);
        }
        String reconnected = "listening for change notices again";
        int reconnectsBefore = ThreeInstancesEndToEndTest.occurrences(b.log(), reconnected);
        try (Connection connection = cluster.database().connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?");
                 PreparedStatement unnoticed = connection.prepareStatement("UPDATE sessions SET status = 'ENDING', end_reason = 'admin',"
                         + " cleanup_claimed_until = now() + interval '1 hour' WHERE id = ?")) {
                terminate.setString(1, "ret-listener " + b.name());
                try (ResultSet terminated = terminate.executeQuery()) {
                    assertThat(terminated.next()).as("b's listener connection").isTrue();
                }
                unnoticed.setString(1, session.sessionId());
                assertThat(unnoticed.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
        ThreeInstancesEndToEndTest.awaitOnEveryInstance(
                () -> ThreeInstancesEndToEndTest.occurrences(b.log(), reconnected) > reconnectsBefore);
        assertRefusedOn(session, "after b listened again", b);
    }

    private static Login loginAsAdmin(RetInstance instance) {
        return login(instance, "admin", RetCluster.ADMIN_PASSWORD);
    }

    /** Every instance serves the session (twice: the second answer comes from what it holds in memory). */
    private static Login heldEverywhere(Login session) {
        for (RetInstance instance : cluster.instances()) {
            for (int i = 0; i < 2; i++) {
                assertThat(get(instance, "/api/auth/me", session.accessToken()).statusCode()).as("before, on " + instance).isEqualTo(200);
            }
        }
        return session;
    }

    private static void assertRefusedOn(Login session, String when, RetInstance... instances) {
        for (RetInstance instance : List.of(instances)) {
            assertThat(get(instance, "/api/auth/me", session.accessToken()).statusCode()).as(when + ", on " + instance).isEqualTo(401);
            assertThat(get(instance, "/api/session/state", session.accessToken()).statusCode()).as(when + ", on " + instance).isEqualTo(401);
        }
    }

    private static void execute(String sql, String parameter) throws SQLException {
        try (Connection connection = cluster.database().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
