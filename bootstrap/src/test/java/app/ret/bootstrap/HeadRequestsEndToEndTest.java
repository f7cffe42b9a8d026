package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.SharedSamples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 15: HEAD is served wherever GET is (RFC 9110 §9.3.2): GET's status and headers, Content-Length included, no body. */
class HeadRequestsEndToEndTest extends ServerPerTestFixture {
    private static final List<String> SAME_HEADERS = List.of("Content-Type", "Content-Length", "Cache-Control", "ETag",
            "Content-Security-Policy", "Content-Disposition", "X-Content-Type-Options");
    private static final Pattern ASSET = Pattern.compile("/assets/([^/\"]+)/console\\.css");

    @Test
    void headAnswersWhatGetAnswersWithoutTheBodyOnPublicRoutesAndTheConsolesStaticFiles() {
        String page = ret.send(ret.request("/").GET()).body();
        Matcher asset = ASSET.matcher(page);
        assertThat(asset.find()).as("the console page links its style sheet").isTrue();

        for (String path : List.of("/healthz", "/readyz", "/api/openapi.json", "/", "/api/docs", asset.group())) {
            assertHeadMatchesGet(path, null);
        }
        HttpResponse<String> metrics = head("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Length")).as("counters change between requests; the length is there").isPresent();
        assertThat(metrics.body()).isEmpty();
    }

    @Test
    void headAnswersWhatGetAnswersOnAuthenticatedRoutesIncludingDownloads() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        byte[] sample = Files.readAllBytes(SharedSamples.resolve("crossref/book_4.4.2.xml"));
        assertThat(ret.upload(alice.accessToken(), "book.xml", "application/xml", sample).statusCode()).isEqualTo(201);

        for (String path : List.of("/api/auth/me", "/api/files", "/api/files/input/book.xml", "/api/session/state", "/api/jobs")) {
            assertHeadMatchesGet(path, alice.accessToken());
        }
        HttpResponse<String> download = head("/api/files/input/book.xml", alice.accessToken());
        assertThat(download.headers().firstValue("Content-Length")).contains(Integer.toString(sample.length));

        HttpResponse<String> archive = head("/api/files.zip", alice.accessToken());
        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(archive.body()).isEmpty();

        assertThat(head("/api/files/input/missing.xml", alice.accessToken()).statusCode()).isEqualTo(404);
        assertThat(head("/api/auth/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aPathServedOnlyWithPostStillRefusesHeadAndGetRoutesListHeadInAllow() {
        HttpResponse<String> login = head("/api/auth/login", null);
        assertThat(login.statusCode()).isEqualTo(405);
        assertThat(login.headers().firstValue("Allow")).contains("POST");

        HttpResponse<String> delete = ret.send(ret.request("/healthz").DELETE());
        assertThat(delete.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    private void assertHeadMatchesGet(String path, String accessToken) {
        HttpResponse<String> get = ret.send(authorized(ret.request(path), accessToken).GET());
        HttpResponse<String> head = head(path, accessToken);

        assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode()).isEqualTo(200);
        assertThat(head.body()).as("HEAD " + path + " has no body").isEmpty();
        for (String header : SAME_HEADERS) {
            assertThat(head.headers().firstValue(header)).as("HEAD " + path + ": " + header).isEqualTo(get.headers().firstValue(header));
        }
        if (get.headers().firstValue("Content-Length").isPresent()) {
            assertThat(head.headers().firstValue("Content-Length")).as("HEAD " + path)
                    .contains(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
    }

    private HttpResponse<String> head(String path, String accessToken) {
        return ret.send(authorized(ret.request(path), accessToken).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String accessToken) {
        return accessToken == null ? request : request.header("Authorization", "Bearer " + accessToken);
    }
}
