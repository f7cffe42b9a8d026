package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile names and values stay text, the page's policy forbids inline code, and throttled logins say how long to wait. */
class ConsoleHostileContentBrowserTest extends ServerAndBrowserPerClass {
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>.xml";
    private static final String HOSTILE_VALUE = "<script>window.injected = 1; alert(2)</script><b>bold</b>";
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @BeforeAll
    static void start() {
        startServerAndBrowser(Map.of("RATE_LIMIT_REQUESTS", "1000", "LOGIN_MAX_FAILURES", "3"));
        addUser("mallory");
        addUser("nina");
    }

    @BeforeEach
    void forgetEverySession() {
        browser.forgetCookies();
    }

    @Test
    void aHostileFileNameAndAHostileXmlValueAreShownAsText() throws IOException {
        logIn(browser, "mallory", PASSWORD);
        Path hostile = Files.createDirectories(workArea.resolve("hostile")).resolve(HOSTILE_NAME);
        Files.writeString(hostile, "<records><record><title>" + escaped(HOSTILE_VALUE) + "</title></record>"
                + "<record><title>second</title></record></records>", StandardCharsets.UTF_8);

        Path notXml = Files.writeString(workArea.resolve("hostile").resolve("notes.txt"), "just text", StandardCharsets.UTF_8);
        browser.find("#file-input").sendKeys(hostile.toAbsolutePath() + "\n" + notXml.toAbsolutePath());
        browser.awaitVisible(".upload-item.done");
        browser.awaitText(".upload-item.refused[data-name='notes.txt']", "The body is neither XML nor a ZIP archive.");
        assertThat(browser.find(".upload-item.done .name").getText()).isEqualTo(HOSTILE_NAME);
        browser.awaitText("#file-tree", "_img src=x onerror=alert(1)_.xml");
        browser.click("#convert-button");
        browser.awaitVisible("li.job[data-type='conversion'][data-status='succeeded']");
        browser.click("li.job[data-type='conversion'] button.link");
        browser.awaitText("#preview-table", "second");

        assertThat(browser.find("#preview-table tbody td").getAttribute("textContent")).isEqualTo(HOSTILE_VALUE);
        assertThat(browser.findAll("img, #preview-table script, #preview-table b")).isEmpty();
        assertThat(browser.script("return window.injected === undefined")).isEqualTo(true);
        assertThat(browser.alertShown()).isFalse();
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
        browser.screenshot("hostile-content");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoInlineCode() {
        HttpResponse<String> page = ret.send(ret.request("/").GET());
        HttpResponse<String> docs = ret.send(ret.request("/api/docs").GET());

        for (HttpResponse<String> response : List.of(page, docs)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).contains(POLICY);
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.body()).doesNotContain("<style", " style=").doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        }
        Matcher script = Pattern.compile("src=\"(/assets/[0-9a-f]+/app\\.js)\"").matcher(page.body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> asset = ret.send(ret.request(script.group(1)).GET());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        String etag = asset.headers().firstValue("ETag").orElseThrow();
        assertThat(ret.send(ret.request(script.group(1)).header("If-None-Match", etag).GET()).statusCode()).isEqualTo(304);
        assertThat(ret.send(ret.request("/assets/0000000000000000/app.js").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiDocumentationRendersTheServedDocumentUnderThePolicy() {
        browser.open(ret.uri("/api/docs").toString());

        browser.awaitText("#docs-operations", "A page of a CSV output as JSON");
        assertThat(browser.find("#docs-index").getText()).contains("GET /api/files/{path}/preview", "POST /api/admin/users");
        assertThat(browser.find("#get-api-files-path-preview").getText()).contains("offset", "limit", "total_rows", "400", "404");
        assertThat(browser.find("#post-api-admin-users").getText()).contains("Request body", "username", "password");
        assertThat(browser.find("body").getText()).doesNotContain("[object");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
        browser.screenshot("api-docs");
    }

    @Test
    void aThrottledLoginSaysHowLongToWait() {
        browser.open(consoleUrl());
        browser.awaitVisible("#login-form");
        for (int attempt = 1; attempt <= 3; attempt++) {
            attemptLogin("nina", "wrong password " + attempt);
            browser.awaitText("#login-message", "Wrong user name or password.");
            browser.script("document.getElementById('login-message').textContent = ''");
        }

        attemptLogin("nina", "wrong password 4");

        browser.await("the wait shown", d -> browser.find("#login-message").getText().matches("Too many failed attempts\\. Try again in \\d+ s\\."));
        assertThat(browser.find("#login-button").isEnabled()).isFalse();
        browser.screenshot("login-throttled");
    }

    private static void attemptLogin(String username, String password) {
        browser.find("#username").clear();
        browser.find("#username").sendKeys(username);
        browser.find("#password").clear();
        browser.find("#password").sendKeys(password);
        browser.click("#login-button");
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
