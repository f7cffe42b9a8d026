package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.SharedSamples;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** An administrator's panels in Chromium, with a second browser for the user whose session the admin ends. */
class ConsoleAdminBrowserTest extends ServerAndBrowserPerClass {
    private static HeadlessChromium userBrowser;

    @BeforeAll
    static void start() {
        startServerAndBrowser(Map.of("RATE_LIMIT_REQUESTS", "1000"));
        userBrowser = HeadlessChromium.start(workArea.resolve("user-browser"));
        addUser("quinn");
        addUser("rosa");
    }

    @AfterAll
    static void stopUserBrowser() {
        userBrowser.close();
    }

    @Test
    void anAdminEndsAnotherUsersSessionAndThatPageReturnsToTheLoginForm() {
        logIn(userBrowser, "quinn", PASSWORD);
        logIn(browser, "admin", RunningRet.ADMIN_PASSWORD);
        browser.click("#admin-tab");
        browser.awaitText("#sessions", "quinn");

        browser.click("#sessions button[aria-label='End the session of quinn']");
        browser.awaitText("#notice", "Ended the session of quinn");
        userBrowser.click("#refresh-files");

        userBrowser.awaitVisible("#login-form");
        userBrowser.awaitText("#login-message", "Your session has ended. Please log in again.");
        assertThat(userBrowser.find("#app-view").isDisplayed()).isFalse();
    }

    @Test
    void anAdminAddsDisablesEnablesAndResetsAUser() {
        logIn(browser, "admin", RunningRet.ADMIN_PASSWORD);
        browser.click("#admin-tab");
        browser.find("#new-username").sendKeys("pat");
        browser.find("#new-password").sendKeys("first password 1");
        new Select(browser.find("#new-role")).selectByValue("user");
        browser.click("#add-user-form button[type='submit']");
        browser.awaitText("#users tr[data-user='pat']", "enabled");

        browser.click("#users button[aria-label='Disable pat']");
        browser.awaitText("#users tr[data-user='pat']", "disabled");
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"pat\",\"password\":\"first password 1\"}").statusCode()).isEqualTo(401);
        browser.click("#users button[aria-label='Enable pat']");
        browser.awaitText("#users tr[data-user='pat']", "enabled");
        browser.find("#users input[aria-label='New password for pat']").sendKeys("second password 2");
        browser.click("#users button[aria-label='Reset the password of pat']");
        browser.awaitText("#users-message", "Password of pat changed.");

        assertThat(ret.login("pat", "second password 2").accessToken()).isNotBlank();
    }

    @Test
    void theDashboardDrawsLiveFiguresAndTheJobsPanelShowsEverySessionsJobs() throws IOException {
        Login rosa = ret.login("rosa", PASSWORD);
        ret.upload(rosa.accessToken(), "1mb.xml", "application/xml", Files.readAllBytes(SharedSamples.resolve("library/1mb.xml")));
        ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + rosa.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        logIn(browser, "admin", RunningRet.ADMIN_PASSWORD);
        browser.click("#admin-tab");

        new Select(browser.find("#job-status-filter")).selectByValue("succeeded");
        browser.awaitText("#all-jobs", "rosa");
        browser.await("three rates drawn", d -> browser.find("#charts figure:first-child strong").getText().endsWith("/s")
                && browser.find("#charts polyline").getAttribute("points").split(" ").length >= 3);
        assertThat(browser.find("#charts").getText()).contains("Requests", "429 refusals", "Memory cache hit rate", "Running jobs");
        assertThat(browser.find("#charts figure:first-child strong").getText()).matches("\\d+(\\.\\d+)?/s");
        browser.screenshot("admin-dashboard");
        browser.phoneScreenshot("admin-dashboard-phone", "body");
    }
}
