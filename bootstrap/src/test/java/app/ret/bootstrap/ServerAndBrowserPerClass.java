package app.ret.bootstrap;

import app.ret.domain.user.Role;
import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture, not a test: one real server and one headless Chromium for a whole test class (starting
 * a browser costs seconds); each class starts them in its own {@code @BeforeAll} with the settings it needs.
 */
abstract class ServerAndBrowserPerClass {
    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path workArea;

    static RunningRet ret;
    static HeadlessChromium browser;

    static void startServerAndBrowser(Map<String, String> settings) {
        ret = RunningRet.start(workArea.resolve("runtime"), new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)), settings);
        browser = HeadlessChromium.start(workArea.resolve("browser"));
    }

    @AfterAll
    static void stopBrowserAndServer() {
        if (browser != null) {
            browser.close();
        }
        if (ret != null) {
            ret.close();
        }
        browser = null;
        ret = null;
    }

    static void addUser(String username) {
        ret.runtime.core().userAdministration().addUser(username, Role.USER, PASSWORD.toCharArray());
    }

    static String consoleUrl() {
        return ret.uri("/").toString();
    }

    /** Logs in through the form, first forgetting any session the browser still holds (its refresh cookie). */
    static void logIn(HeadlessChromium in, String username, String password) {
        in.forgetCookies();
        in.open(consoleUrl());
        in.awaitVisible("#login-form");
        in.find("#username").clear();
        in.find("#username").sendKeys(username);
        in.find("#password").sendKeys(password);
        in.find("#login-button").click();
        in.awaitVisible("#app-view");
        in.awaitText("#who", username);
    }
}
