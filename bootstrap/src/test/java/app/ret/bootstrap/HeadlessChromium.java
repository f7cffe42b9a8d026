package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromium-driver at fixed paths — Selenium
 * never looks for or downloads a driver or a browser — with a fresh profile and downloads into a
 * folder of the test. A missing browser fails the test (never skips it) and says how to install it.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(375, 812);
    /** When the page scrolls sideways: the innermost elements whose right edge lies beyond its width, by tag, class and text. */
    private static final String WIDER_THAN_THE_SCREEN = """
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) {
              return [];
            }
            return [...document.body.querySelectorAll('*')]
                .filter((element) => element.getBoundingClientRect().right > width + 1 && element.getClientRects().length > 0)
                .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > width + 1))
                .slice(0, 5)
                .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${element.textContent.slice(0, 60)}"`);
            """;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    final ChromeDriver driver;
    final Path downloads;

    private HeadlessChromium(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    static HeadlessChromium start(Path workArea) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (scripts/test does it when run as root)");
        }
        try {
            Path profile = Files.createDirectories(workArea.resolve("profile"));
            Path downloads = Files.createDirectories(workArea.resolve("downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath(),
                    "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new HeadlessChromium(new ChromeDriver(service, options), downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (at most 20 s) until the condition gives a value that is neither null nor false. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Clicks the element the selector names, finding it again when the page re-rendered it between finding and clicking. */
    void click(String css) {
        await("a click on " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    WebElement awaitVisible(String css) {
        return await(css + " visible", d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    void awaitText(String css, String text) {
        await(css + " showing \"" + text + "\"", d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    Object asyncScript(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    /** Forgets every cookie of every path (WebDriver's own deletion misses the refresh cookie's {@code /api/auth}). */
    void forgetCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    boolean alertShown() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }

    /** What the page wrote to the browser console (CSP violations included). */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /**
     * Saves what a phone (375 px wide) shows from the top of the element {@code css} as target/screenshots/{name}.png,
     * failing when anything on the page is wider than the phone's screen (a page a phone user must scroll sideways).
     */
    Path phoneScreenshot(String name, String css) {
        Dimension before = driver.manage().window().getSize();
        resize(PHONE);
        script("document.querySelector(arguments[0]).scrollIntoView()", css);
        try {
            Path saved = save(name);
            assertThat((List<?>) script(WIDER_THAN_THE_SCREEN)).as("elements wider than a %d px screen on %s", PHONE.width, name).isEmpty();
            return saved;
        } finally {
            resize(before);
        }
    }

    /** Saves the whole page (the window grown to the page's height) as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        script("window.scrollTo(0, 0)");
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(before.width, (int) Math.max(before.height, Math.min(height + 140, 4000))));
        try {
            return save(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private Path save(String name) {
        try {
            Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
