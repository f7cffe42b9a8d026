package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.ports.testing.SharedSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** A person's whole visit in Chromium: log in, upload, convert, watch, preview, download, reload, log out. */
class ConsoleJourneyBrowserTest extends ServerAndBrowserPerClass {
    private static final String USER = "olga";

    @BeforeAll
    static void start() {
        startServerAndBrowser(Map.of("RATE_LIMIT_REQUESTS", "1000", "JOB_TEST_TYPE_ENABLED", "true", "JOB_WORKERS", "1"));
        addUser(USER);
    }

    @Test
    void aPersonUploadsConvertsPreviewsDownloadsReloadsAndLogsOut() throws IOException {
        browser.open(consoleUrl());
        browser.awaitVisible("#login-form");
        browser.screenshot("login");
        browser.phoneScreenshot("login-phone", "body");
        logIn(browser, USER, PASSWORD);
        assertThat(browser.find("#session-clock").getText()).matches("session ends in \\d+ min");

        browser.find("#file-input").sendKeys(SharedSamples.resolve("archives/test-examples_1.zip").toAbsolutePath()
                + "\n" + SharedSamples.resolve("library/1mb.xml").toAbsolutePath());
        browser.await("both uploads done", d -> browser.findAll(".upload-item.done").size() == 2);
        WebElement archive = browser.find(".upload-item.done[data-name='test-examples_1.zip']");
        WebElement bar = archive.findElement(By.tagName("progress"));
        assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
        assertThat(archive.getText()).contains("(100 %)", "13 stored", "1 skipped", "test-examples.zip/Small_test-examples.rar: not xml");
        assertThat(browser.find(".upload-item.done[data-name='1mb.xml']").getText()).contains("(100 %)", "1 stored");
        browser.awaitText("#file-tree", "5.4.0-article-version-1.xml");

        offeredAndChosen("doi_data");
        browser.click("#convert-button");
        WebElement job = browser.awaitVisible("li.job[data-type='conversion'][data-status='succeeded']");
        assertThat(job.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(job.getText()).contains("14 of 14 files", "11 written", "3 failed",
                "input/test-examples_1/5.4.0-resource-tc-1.xml — no_records: no records found: no element named \"doi_data\"");

        browser.click("#file-tree input[value='input/1mb.xml']");
        browser.click("#convert-form input[name='scope'][value='files']");
        offeredAndChosen("book");
        browser.click("#convert-button");
        browser.await("the second conversion done", d -> browser.findAll("li.job[data-type='conversion'][data-status='succeeded']").size() == 2);
        assertThat(browser.find("li.job[data-type='conversion'][data-status='succeeded']").getText()).contains("1 of 1 files", "1 written");

        Path session = onlySession();
        Path csv = session.resolve("output/1mb.record-book.csv");
        browser.click("#file-tree li.file[data-path='output/1mb.record-book.csv'] button.name");
        browser.awaitText("#preview-range", "Rows 1–100 of more");
        List<String> shownFirstRow = browser.await("the preview's first row",
                d -> cells(browser.findAll("#preview-table tbody tr:first-child td")));
        assertThat(shownFirstRow).isEqualTo(firstDataRow(Files.readString(csv, StandardCharsets.UTF_8)));
        assertThat(browser.find("#preview-table thead").getText()).contains("title", "author", "year");
        browser.screenshot("preview");
        browser.phoneScreenshot("preview-phone", "#preview-card");
        browser.click("#preview-next");
        browser.awaitText("#preview-range", "Rows 101–200 of more");
        assertThat(browser.find("#preview-table tbody tr:first-child th").getText()).isEqualTo("101");

        browser.click("#file-tree li.file[data-path='output/1mb.record-book.csv'] button[aria-label^='Download']");
        Path downloaded = browser.downloads.resolve("1mb.record-book.csv");
        browser.await("the download on disk", d -> Files.exists(downloaded) && sizeOf(downloaded) == sizeOf(csv));
        assertThat(downloaded).hasSameBinaryContentAs(csv);

        showARunningJob();

        keepAndShowSessionState();

        browser.driver.navigate().refresh();
        browser.awaitVisible("#app-view");
        browser.awaitText("#who", USER);
        browser.awaitText("#file-tree", "515151.record-doi_data.csv");

        long files;
        try (Stream<Path> stored = Files.walk(session)) {
            // The user's files; the row indexes beside output CSVs (.rows) are derived and go with the workspace uncounted.
            files = stored.filter(Files::isRegularFile).filter(path -> !session.relativize(path).startsWith(".rows")).count();
        }
        browser.click("#logout");
        browser.awaitVisible("#logout-report");
        assertThat(browser.find("dd[data-removed='files']").getText()).isEqualTo(String.valueOf(files));
        assertThat(Long.parseLong(browser.find("dd[data-removed='jobs']").getText()))
                .as("the two conversions, the index job each queued, and the test job").isEqualTo(5);
        assertThat(browser.find("dd[data-removed='cache_entries']").getText()).isEqualTo("1");
        assertThat(browser.findAll("#removed dt")).extracting(WebElement::getText).as("what was removed, in words, each once")
                .containsExactly("Files", "Bytes", "Cache Entries", "Jobs", "Index Rows", "Conversion Cache Entries", "Conversion Cache Bytes");
        assertThat(browser.find("dd[data-removed='bytes']").getText()).as("a size people read").matches("[0-9.]+ (B|KB|MB|GB)");
        assertThat(browser.find("#login-form").isDisplayed()).isTrue();
        assertThat(session).doesNotExist();
        browser.screenshot("logged-out");
    }

    /** A value kept through the page's own API client, then read in the Session state view. */
    private static void keepAndShowSessionState() {
        Object kept = browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const base = document.querySelector('script[type=module]').src.replace(/app\\.js$/, '');"
                        + "import(base + 'api.js').then((api) => api.put('/api/session/state/ui.prefs', {theme: 'dark', zoom: 1.25}))"
                        + ".then(() => done('ok'), (error) => done(String(error)));");
        assertThat(kept).isEqualTo("ok");
        browser.click("nav.tabs button[data-view='state-view']");
        browser.awaitText("#state-entries", "ui.prefs");
        assertThat(browser.find("#state-entries pre").getText()).isEqualTo("{\n  \"theme\": \"dark\",\n  \"zoom\": 1.25\n}");
        assertThat(browser.find("#state-entries dt").getText()).contains("expires");
        browser.click("nav.tabs button[data-view='workspace-view']");
    }

    /** Waits until the record element is offered (found in the chosen inputs), then chooses it. */
    private static void offeredAndChosen(String element) {
        Select record = new Select(browser.find("#record-select"));
        browser.await(element + " offered as a record element",
                d -> record.getOptions().stream().anyMatch(option -> element.equals(option.getAttribute("value"))));
        record.selectByValue(element);
    }

    /** A long test job, submitted through the page's own API client, shown running, then cancelled with its button. */
    private static void showARunningJob() {
        Object submitted = browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const base = document.querySelector('script[type=module]').src.replace(/app\\.js$/, '');"
                        + "Promise.all([import(base + 'api.js'), import(base + 'jobs.js')])"
                        + ".then(([api, jobs]) => api.post('/api/jobs', {type: 'test', units: 40, unit_millis: 250}).then(() => jobs.watchJob()))"
                        + ".then(() => done('ok'), (error) => done(String(error)));");
        assertThat(submitted).isEqualTo("ok");
        browser.await("the test job running with some progress", d -> browser.findAll("li.job[data-type='test'][data-status='running'] progress").stream()
                .anyMatch(bar -> Integer.parseInt(bar.getAttribute("value")) > 0));
        browser.screenshot("workspace-running-job");
        browser.phoneScreenshot("workspace-phone", "body");
        browser.click("li.job[data-type='test'][data-status='running'] button.danger");
        browser.awaitVisible("li.job[data-type='test'][data-status='cancelled']");
    }

    private static Path onlySession() throws IOException {
        try (Stream<Path> sessions = Files.list(ret.root.resolve("sessions"))) {
            List<Path> all = sessions.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static List<String> cells(List<WebElement> cells) {
        return cells.isEmpty() ? null : cells.stream().map(cell -> cell.getAttribute("textContent")).toList();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The second record of an RFC 4180 text (quoted cells may hold commas, quotes and line breaks). */
    static List<String> firstDataRow(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length() && records.size() < 2; i++) {
            char c = csv.charAt(i);
            if (quoted && c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (!quoted && c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (quoted || c != '\r') {
                cell.append(c);
            }
        }
        return records.get(1);
    }
}
