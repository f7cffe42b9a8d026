package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Searching the rows of a real Crossref conversion, and comparing two conversions, in Chromium. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSearchAndCompareBrowserTest extends ServerAndBrowserPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "sofia";
    private static final String JOURNAL = "crossref/journal_article_4.4.2.xml";
    private static final String OLDER = "crossref/crossmark_2_4.4.2.xml";
    private static final String NEWER = "crossref/crossmark_2_correction_4.4.2.xml";

    @BeforeAll
    static void start() {
        startServerAndBrowser(Map.of("RATE_LIMIT_REQUESTS", "1000", "JOB_WORKERS", "1"));
        addUser(USER);
        logIn(browser, USER, PASSWORD);
        browser.find("#file-input").sendKeys(String.join("\n",
                SharedSamples.resolve(JOURNAL).toAbsolutePath().toString(),
                SharedSamples.resolve(OLDER).toAbsolutePath().toString(),
                SharedSamples.resolve(NEWER).toAbsolutePath().toString()));
        browser.await("three uploads done", d -> browser.findAll(".upload-item.done").size() == 3);
        browser.awaitText("#file-tree", "crossmark_2_correction_4.4.2.xml");
        browser.click("#convert-button");
        browser.awaitVisible("li.job[data-type='conversion'][data-status='succeeded']");
        browser.awaitText("li.job[data-type='conversion'][data-status='succeeded']", "3 written");
        // The rows are searchable once the index job the conversion queued has finished (ADR 0013 item 16).
        browser.awaitText("li.job[data-type='index'][data-status='succeeded']", "3 indexed for search");
        browser.await("the outputs listed", d -> browser.findAll("#compare-left option").size() == 3);
    }

    @Test
    @Order(1)
    void aWordOfTheTitleFindsTheRowWithTheMatchHighlightedAndOpensItsPreview() {
        search("imperfect specification");
        WebElement hit = browser.awaitVisible("#search-hits li.hit");
        assertThat(hit.getAttribute("data-path")).startsWith("output/journal_article_4.4.2");
        assertThat(hit.findElements(By.cssSelector(".snippet mark")).stream().map(WebElement::getText).toList())
                .containsExactly("imperfect", "specification");
        assertThat(hit.getText()).contains("When your best metadata isn't good enough", "row " + hit.getAttribute("data-row"), "in ");
        browser.screenshot("search-results");
        browser.phoneScreenshot("search-results-phone", ".card.search");

        int row = Integer.parseInt(hit.getAttribute("data-row"));
        browser.click("#search-hits li.hit button.link");
        browser.awaitText("#preview-range", "Rows " + row + "–");
        assertThat(browser.find("#preview-table tbody tr:first-child th").getText()).isEqualTo(String.valueOf(row));
        assertThat(browser.find("#preview-table tbody tr:first-child").getText()).contains("imperfect specification");
        browser.click("#close-preview");
    }

    @Test
    @Order(2)
    void aQueryWithoutHitsSaysSoAndABadQueryShowsTheProblemsDetail() throws IOException {
        search("zzyzxnotthere");
        browser.awaitText("#search-summary", "No matches for “zzyzxnotthere”.");
        assertThat(browser.findAll("#search-hits li")).isEmpty();

        search("\"unclosed");
        WebElement message = browser.awaitVisible("#search-message");
        assertThat(message.getText()).isEqualTo(problemDetailOfSearching("%22unclosed"));
        assertThat(browser.find("#search-summary").isDisplayed()).isFalse();
    }

    @Test
    @Order(3)
    void comparingTwoConversionsShowsTheCountsAndPreviewsTheComparisonCsv() {
        String older = outputOf("crossmark_2_4.4.2");
        String newer = outputOf("crossmark_2_correction_4.4.2");
        new Select(browser.find("#compare-left")).selectByValue(older);
        new Select(browser.find("#compare-right")).selectByValue(newer);
        browser.click("#compare-button");
        WebElement job = browser.awaitVisible("li.job[data-type='comparison'][data-status='succeeded'] .comparison");
        int added = count(job, "added");
        int removed = count(job, "removed");
        int changed = count(job, "changed");
        assertThat(added + removed + changed).isPositive();
        assertThat(job.findElement(By.cssSelector("details[data-only='right'] summary")).getText()).endsWith("only on the right (not compared)");
        browser.screenshot("comparison-summary");
        browser.phoneScreenshot("comparison-summary-phone", ".card.jobs");

        WebElement comparisonJob = browser.find("li.job[data-type='comparison'][data-status='succeeded']");
        assertThat(comparisonJob.findElement(By.cssSelector(".job-progress")).getText())
                .as("a comparison's progress counts rows, as the API does").matches("\\d+ of \\d+ rows · 100 %");
        comparisonJob.findElement(By.cssSelector("button[data-output^='output/compare-']")).click();
        browser.awaitText("#preview-range", "of " + (added + removed + changed));
        browser.awaitText("#preview-table thead", "changed_columns");
        String header = browser.await("the comparison's header", d -> d.findElement(By.cssSelector("#preview-table thead")).getText());
        assertThat(header).contains("change", "changed_columns");
    }

    /** The detail of the problem the API answers a search with, asked in a session of the same user's own. */
    private static String problemDetailOfSearching(String encodedQuery) throws IOException {
        String login = ret.postJson("/api/auth/login", "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}").body();
        String token = JSON.readTree(login).path("access_token").asText();
        HttpResponse<String> refused = ret.get("/api/search?q=" + encodedQuery, token);
        assertThat(refused.statusCode()).isEqualTo(400);
        return JSON.readTree(refused.body()).path("detail").asText();
    }

    private static void search(String query) {
        browser.find("#search-input").clear();
        browser.find("#search-input").sendKeys(query + "\n");
    }

    private static int count(WebElement comparison, String kind) {
        return Integer.parseInt(comparison.findElement(By.cssSelector("dd[data-count='" + kind + "']")).getText());
    }

    private static String outputOf(String stem) {
        List<String> csvs = new Select(browser.find("#compare-left")).getOptions().stream()
                .map(option -> option.getAttribute("value")).filter(path -> path.startsWith("output/" + stem + ".")).toList();
        assertThat(csvs).hasSize(1);
        return csvs.get(0);
    }
}
