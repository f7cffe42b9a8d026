package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.DirectorySnapshot;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.TestZips;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads as browsers and curl send them: multipart forms (curl -F) and raw bodies with any declared type (curl --data-binary). */
class UploadFormsEndToEndTest extends ServerPerTestFixture {
    private static final String BOUNDARY = "----ret-form-7MA4YWxkTrZu0gW";
    private static final byte[] XML = "<r><i>1</i></r>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path smallRoot;

    @Test
    void aFormWithSeveralFilePartsStoresEachUnderItsPartsFileName() {
        Login login = ret.loginAsNewUser("ivan");
        byte[] zip = TestZips.zip().entry("inner.xml", TestZips.xml("r")).bytes();
        byte[] form = new Form().field("comment", "ignored").file("books.xml", "application/xml", XML)
                .file("pack.zip", "application/zip", zip).file("Résumé \\\"final\\\".xml", "text/xml", XML).bytes();

        HttpResponse<String> response = post(login, "/api/files", "multipart/form-data; boundary=" + BOUNDARY, form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(RunningRet.json(response).get("files").findValuesAsText("path"))
                .containsExactly("input/books.xml", "input/pack/inner.xml", "input/Résumé _final_.xml");
        assertThat(ret.get("/api/files/input/books.xml", login.accessToken()).body()).isEqualTo(new String(XML, StandardCharsets.UTF_8));
    }

    @Test
    void theQueryNameNamesTheOnlyFilePartAndAFormWithoutFilesIsRefused() {
        Login login = ret.loginAsNewUser("judy");
        HttpResponse<String> named = post(login, "/api/files?name=chosen.xml", "multipart/form-data; boundary=" + BOUNDARY,
                new Form().file("upload.xml", "application/xml", XML).bytes());
        assertThat(RunningRet.json(named).get("files").findValuesAsText("path")).containsExactly("input/chosen.xml");

        HttpResponse<String> noFiles = post(login, "/api/files", "multipart/form-data; boundary=" + BOUNDARY,
                new Form().field("comment", "x").bytes());
        assertThat(noFiles.statusCode()).isEqualTo(400);
        HttpResponse<String> unterminated = post(login, "/api/files", "multipart/form-data; boundary=" + BOUNDARY,
                Arrays.copyOf(new Form().file("a.xml", "application/xml", XML).bytes(), 120));
        assertThat(unterminated.statusCode()).isEqualTo(400);
        assertThat(RunningRet.json(ret.get("/api/files", login.accessToken())).get("files")).hasSize(1);
    }

    @Test
    void rawBodiesAreSniffedWhateverTheirDeclaredType() {
        Login login = ret.loginAsNewUser("kim");
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "image/png"}) {
            HttpResponse<String> response = post(login, "/api/files?name=" + type.replace('/', '-') + ".xml", type, XML);
            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(201);
        }
        HttpResponse<String> noType = ret.send(ret.request("/api/files?name=none.xml").header("Authorization", "Bearer " + login.accessToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(XML)));
        assertThat(noType.statusCode()).isEqualTo(201);
    }

    @Test
    void aPartOverTheUploadLimitIsRefusedAndLeavesNothingOfItself() throws Exception {
        try (RunningRet small = RunningRet.start(smallRoot, MutableClock.atSomeFixedTime(), Map.of("MAX_UPLOAD_MB", "1"))) {
            Login login = small.loginAsNewUser("lea");
            byte[] big = ("<r>" + "x".repeat(1024 * 1024) + "</r>").getBytes(StandardCharsets.UTF_8);
            byte[] form = new Form().file("small.xml", "application/xml", XML).file("big.xml", "application/xml", big).bytes();

            HttpResponse<String> response = small.send(small.request("/api/files").header("Authorization", "Bearer " + login.accessToken())
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(form))));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            JsonNode problem = RunningRet.json(response);
            assertThat(problem.get("code").asText()).isEqualTo("payload_too_large");
            assertThat(problem.get("files").findValuesAsText("path")).as("the part before it was stored").containsExactly("input/small.xml");
            assertThat(RunningRet.json(small.get("/api/files", login.accessToken())).get("files").findValuesAsText("path"))
                    .containsExactly("input/small.xml");
            assertThat(DirectorySnapshot.of(smallRoot.resolve("sessions")).keySet()).noneMatch(file -> file.contains("big"));
        }
    }

    private HttpResponse<String> post(Login login, String path, String contentType, byte[] body) {
        return ret.send(ret.request(path).header("Authorization", "Bearer " + login.accessToken()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A multipart/form-data body as browsers write it. */
    private static final class Form {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Form file(String fileName, String type, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                    + type + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] bytes() {
            write("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private void write(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
