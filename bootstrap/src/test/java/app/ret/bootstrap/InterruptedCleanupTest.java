package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteSessionStore;
import app.ret.bootstrap.RunningRet.Login;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash between "session ended" and "resources removed" is finished at the next start. */
class InterruptedCleanupTest {
    @TempDir
    Path root;

    @Test
    void anEndingLeftHalfDoneIsCompletedAtStartUp() throws Exception {
        Login login;
        try (RunningRet ret = RunningRet.start(root)) {
            login = ret.loginAsAdmin();
            Files.write(ret.sessionDirectory(login.sessionId()).resolve("input").resolve("left.xml"), new byte[9]);
        }
        try (SqliteDatabase database = SqliteDatabase.open(root.resolve("ret_session.db"), Clock.systemUTC())) {
            assertThat(new SqliteSessionStore(database).markEnding(new SessionId(login.sessionId()), EndReason.LOGOUT,
                    Instant.EPOCH)).as("marked by a process that crashed long ago, its claim run out").isPresent();
        }
        assertThat(root.resolve("sessions").resolve(login.sessionId())).exists();

        try (RunningRet restarted = RunningRet.start(root)) {
            assertThat(restarted.sessionDirectory(login.sessionId())).doesNotExist();
            assertThat(restarted.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(401);
            assertThat(restarted.refresh(login.refreshToken()).statusCode()).isEqualTo(401);
            assertThat(restarted.runtime.core().sessionQueries().activeSessions()).isEmpty();
        }
    }
}
