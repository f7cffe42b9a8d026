package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.TestZips;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Paths that the file system answers with something other than "no such file": a path continuing
 * below a file, a folder where a file should go, a file where a folder should go. None is a 500.
 */
class FilePathCollisionsEndToEndTest extends ServerPerTestFixture {
    private static final byte[] XML = "<r><i>1</i></r>".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPathThatContinuesBelowAFileIsNotFound() {
        Login login = ret.loginAsNewUser("frank");
        assertThat(ret.upload(login.accessToken(), "lib.xml", "application/xml", XML).statusCode()).isEqualTo(201);

        for (String path : new String[] {"/api/files/input/lib.xml/anything", "/api/files/input/lib.xml/a/b.xml"}) {
            assertThat(status(ret.get(path, login.accessToken()))).as("GET " + path).isEqualTo("404 not_found");
            assertThat(status(ret.delete(path, login.accessToken()))).as("DELETE " + path).isEqualTo("404 not_found");
        }
        assertThat(ret.get("/api/files/input/lib.xml", login.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void anArchiveWhoseFolderIsAFileAndAFileWhoseNameIsAFolderAreConflicts() {
        Login login = ret.loginAsNewUser("grace");
        assertThat(ret.upload(login.accessToken(), "pack", "application/xml", XML).statusCode()).isEqualTo(201);
        byte[] pack = TestZips.zip().entry("a.xml", TestZips.xml("r")).bytes();

        HttpResponse<String> archiveOverFile = ret.upload(login.accessToken(), "pack.zip", "application/zip", pack);
        assertThat(status(archiveOverFile)).as(archiveOverFile.body()).isIn("201 null", "409 conflict");

        assertThat(ret.upload(login.accessToken(), "bundle.zip", "application/zip", pack).statusCode()).isEqualTo(201);
        HttpResponse<String> fileOverFolder = ret.upload(login.accessToken(), "bundle", "application/xml", XML);
        assertThat(status(fileOverFolder)).as(fileOverFolder.body()).isEqualTo("409 conflict");
        assertThat(ret.get("/api/files/input/bundle/a.xml", login.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void aConversionWhoseOutputFolderIsAFileFailsThatInputAlone() throws Exception {
        Login login = ret.loginAsNewUser("heidi");
        assertThat(ret.upload(login.accessToken(), "a.csv.zip", "application/zip",
                TestZips.zip().entry("x.xml", TestZips.xml("r")).bytes()).statusCode()).isEqualTo(201);
        assertThat(ret.upload(login.accessToken(), "a", "application/xml", XML).statusCode()).as("input/a gives output/a.csv").isEqualTo(201);
        HttpResponse<String> accepted = ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String statusUrl = RunningRet.json(accepted).get("status_url").asText();
        long deadline = System.nanoTime() + 20_000_000_000L;
        String status;
        do {
            Thread.sleep(20);
            status = RunningRet.json(ret.get(statusUrl, login.accessToken())).get("status").asText();
            assertThat(System.nanoTime()).as("job still " + status).isLessThan(deadline);
        } while (!status.equals("succeeded") && !status.equals("failed"));
        var job = RunningRet.json(ret.get(statusUrl, login.accessToken()));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("result").get("outputs")).hasSize(1);
        assertThat(job.get("result").get("failed").get(0).get("code").asText()).isEqualTo("conflict");
    }

    private static String status(HttpResponse<String> response) {
        String code = response.statusCode() >= 400 ? RunningRet.json(response).get("code").asText() : "null";
        return response.statusCode() + " " + code;
    }
}
