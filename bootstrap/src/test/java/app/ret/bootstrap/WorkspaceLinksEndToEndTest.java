package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The deletion walk of a logout never follows a link out of the session's workspace. */
class WorkspaceLinksEndToEndTest extends ServerPerTestFixture {

    @Test
    void aFileALinkInTheWorkspacePointsToSurvivesTheLogout() throws Exception {
        Path precious = Files.writeString(root.resolve("precious.txt"), "not the session's to remove");
        Login login = ret.loginAsAdmin();
        Path workspace = ret.sessionDirectory(login.sessionId());
        Files.createSymbolicLink(workspace.resolve("input").resolve("planted.xml"), precious);
        Files.createSymbolicLink(workspace.resolve("output").resolve("planted-folder"), root);

        assertThat(ret.post("/api/auth/logout", login.accessToken()).statusCode()).isEqualTo(200);

        assertThat(workspace).doesNotExist();
        assertThat(precious).hasContent("not the session's to remove");
    }
}
