package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching a session's rows over real HTTP, on the embedded SQLite setup: each session's FTS5 index in a file of its own. */
class SearchEndToEndTest {
    @TempDir
    Path root;

    private RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = RunningRet.start(root, MutableClock.atSomeFixedTime(),
                Map.of("RATE_LIMIT_REQUESTS", "100000", "JOB_TEST_TYPE_ENABLED", "true", "JOB_WORKERS", "1"));
    }

    @AfterEach
    void stopServer() {
        ret.close();
    }

    @Test
    void aConversionsRowsAreFoundByWordsPhrasesAndPrefixesWithFileRowSnippetAndColumns() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        upload(alice, "journal.xml", "crossref/journal_article_4.4.2.xml");
        upload(alice, "books.xml", "library/1mb.xml");
        JsonNode job = ret.convertAndIndex(alice.accessToken(), "{}");
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("result").get("failed")).isEmpty();

        JsonNode hits = hits(alice, "imperfect metadata");
        assertThat(hits).hasSize(1);
        JsonNode hit = hits.get(0);
        assertThat(hit.get("path").asText()).isEqualTo("output/journal.csv");
        assertThat(hit.get("row").asLong()).isEqualTo(1);
        assertThat(texts(hit.get("columns"))).contains("titles.title");
        assertThat(marked(hit)).containsExactly("metadata", "imperfect");
        assertThat(String.join("", texts(hit.get("snippet"), "text"))).contains("When your best metadata isn't good enough");

        assertThat(hits(alice, "\"best metadata\"")).hasSize(1);
        assertThat(hits(alice, "\"metadata best\"")).isEmpty();
        assertThat(hits(alice, "imperf*")).hasSize(1);
        assertThat(hits(alice, "imperf")).isEmpty();
        assertThat(texts(hits(alice, "10.32013/12345678").get(0).get("columns"))).contains("doi_data.doi");
        JsonNode books = hits(alice, "examplefile", 7);
        assertThat(books).hasSize(7);
        assertThat(books.findValuesAsText("path")).containsOnly("output/books.csv");
    }

    @Test
    void aCachedConversionIsIndexedForTheNewSessionAndAnotherSessionFindsNothing() throws Exception {
        Login first = ret.loginAsNewUser("bob");
        upload(first, "journal.xml", "crossref/journal_article_4.4.2.xml");
        ret.convertAndIndex(first.accessToken(), "{}");
        Login second = ret.login("bob", "secret-password");
        upload(second, "journal.xml", "crossref/journal_article_4.4.2.xml");
        Login stranger = ret.loginAsNewUser("carol");

        JsonNode job = ret.convertAndIndex(second.accessToken(), "{}");

        assertThat(job.get("result").get("outputs").get(0).get("cached").asBoolean()).isTrue();
        assertThat(hits(second, "imperfect")).hasSize(1);
        assertThat(hits(stranger, "imperfect")).isEmpty();
    }

    @Test
    void theConversionQueuesAnIndexJobThatReportsTheRowsItMadeSearchable() throws Exception {
        Login hana = ret.loginAsNewUser("hana");
        upload(hana, "journal.xml", "crossref/journal_article_4.4.2.xml");

        JsonNode conversion = ret.awaitJob(hana.accessToken(), ret.postJson("/api/conversions", hana.accessToken(), "{}"));
        JsonNode indexJob = ret.awaitIndexJob(hana.accessToken(), conversion);

        assertThat(conversion.get("result").get("failed")).isEmpty();
        assertThat(indexJob.get("type").asText()).isEqualTo("index");
        assertThat(indexJob.get("status").asText()).isEqualTo("succeeded");
        assertThat(indexJob.get("progress").get("total").asLong()).isEqualTo(1);
        assertThat(indexJob.get("result").get("indexed")).hasSize(1);
        assertThat(indexJob.get("result").get("indexed").get(0).get("path").asText()).isEqualTo("output/journal.csv");
        assertThat(indexJob.get("result").get("indexed").get(0).get("rows").asLong()).isEqualTo(2);
        assertThat(indexJob.get("result").get("outputs")).isEmpty();
        assertThat(RunningRet.json(ret.get("/api/jobs", hana.accessToken())).get("jobs").findValuesAsText("id"))
                .containsExactly(indexJob.get("id").asText(), conversion.get("id").asText());
        JsonNode answer = RunningRet.json(ret.get("/api/search?q=imperfect", hana.accessToken()));
        assertThat(answer.get("indexing")).isEmpty();
        assertThat(answer.get("hits")).hasSize(1);
    }

    /** Nothing of a session outlives it: an index job still queued at logout goes with the session, and no index is built. */
    @Test
    void aSearchNamesTheOutputsStillBeingIndexedAndLogoutRemovesTheQueuedIndexJob() throws Exception {
        Login iris = ret.loginAsNewUser("iris");
        upload(iris, "journal.xml", "crossref/journal_article_4.4.2.xml");
        HttpResponse<String> submitted = ret.postJson("/api/conversions", iris.accessToken(), "{}");
        // One worker: this job runs after the conversion and before the index job the conversion queues as it ends.
        HttpResponse<String> blocker = ret.postJson("/api/jobs", iris.accessToken(), "{\"type\":\"test\",\"units\":1000,\"unit_millis\":50}");
        assertThat(blocker.statusCode()).as(blocker.body()).isEqualTo(202);
        JsonNode conversion = ret.awaitJob(iris.accessToken(), submitted);
        String indexJob = conversion.get("result").get("index_job").asText();

        JsonNode answer = RunningRet.json(ret.get("/api/search?q=imperfect", iris.accessToken()));
        JsonNode queued = RunningRet.json(ret.get("/api/jobs/" + indexJob, iris.accessToken()));
        JsonNode removed = RunningRet.json(ret.post("/api/auth/logout", iris.accessToken())).get("removed");

        assertThat(texts(answer.get("indexing"))).containsExactly("output/journal.csv");
        assertThat(answer.get("hits")).as("not indexed yet").isEmpty();
        assertThat(queued.get("type").asText()).isEqualTo("index");
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        assertThat(removed.get("jobs").asLong()).as("the conversion, the test job and the index job").isEqualTo(3);
        assertThat(ret.runtime.core().jobs().list(new SessionId(iris.sessionId()))).isEmpty();
        assertThat(indexFiles(iris)).isEmpty();
        Thread.sleep(300);
        assertThat(indexFiles(iris)).as("no index job ran after the logout").isEmpty();
    }

    @Test
    void queryParametersAreStrict() throws Exception {
        Login dave = ret.loginAsNewUser("dave");
        for (String query : List.of("", "?limit=5", "?q=", "?q=%20%20", "?q=%22unclosed", "?q=---", "?q=fish&limit=0", "?q=fish&limit=201",
                "?q=fish&limit=ten", "?q=fish&limit=-1", "?q=fish&limt=5", "?q=fish&q=trout", "?q=" + "x".repeat(501))) {
            HttpResponse<String> refused = ret.get("/api/search" + query, dave.accessToken());
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(RunningRet.json(refused).get("code").asText()).isEqualTo("validation_failed");
        }
        assertThat(ret.get("/api/search?q=fish&limit=200", dave.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.get("/api/search?q=fish", null).statusCode()).isEqualTo(401);
    }

    @Test
    void deletingAnOutputTakesItsRowsOutOfTheSearch() throws Exception {
        Login erin = ret.loginAsNewUser("erin");
        upload(erin, "journal.xml", "crossref/journal_article_4.4.2.xml");
        ret.convertAndIndex(erin.accessToken(), "{}");
        assertThat(hits(erin, "imperfect")).hasSize(1);

        assertThat(ret.delete("/api/files/output/journal.csv", erin.accessToken()).statusCode()).isEqualTo(204);

        assertThat(hits(erin, "imperfect")).isEmpty();
    }

    @Test
    void logoutAndAnAdminsEndingRemoveTheIndexFileAndCountItsRows() throws Exception {
        Login frank = ret.loginAsNewUser("frank");
        upload(frank, "books.xml", "library/1mb.xml");
        ret.convertAndIndex(frank.accessToken(), "{}");
        assertThat(indexFiles(frank)).isNotEmpty();

        JsonNode removed = RunningRet.json(ret.post("/api/auth/logout", frank.accessToken())).get("removed");

        assertThat(removed.get("index_rows").asLong()).isEqualTo(6401);
        assertThat(removed.get("index_documents").asLong()).isEqualTo(6401);
        assertThat(indexFiles(frank)).isEmpty();

        Login grace = ret.loginAsNewUser("grace");
        upload(grace, "journal.xml", "crossref/journal_article_4.4.2.xml");
        ret.convertAndIndex(grace.accessToken(), "{}");
        Login admin = ret.loginAsAdmin();
        HttpResponse<String> ended = ret.delete("/api/admin/sessions/" + grace.sessionId(), admin.accessToken());
        assertThat(RunningRet.json(ended).get("removed").get("index_rows").asLong()).as("the article's two records").isEqualTo(2);
        assertThat(indexFiles(grace)).isEmpty();
    }

    private List<Path> indexFiles(Login login) throws Exception {
        Path directory = root.resolve(Stores.SEARCH_DIRECTORY);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(login.sessionId())).toList();
        }
    }

    private JsonNode hits(Login login, String query) throws Exception {
        return hits(login, query, 50);
    }

    private JsonNode hits(Login login, String query, int limit) throws Exception {
        HttpResponse<String> response = ret.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=" + limit,
                login.accessToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningRet.json(response).get("hits");
    }

    private static List<String> marked(JsonNode hit) {
        List<String> marked = new ArrayList<>();
        hit.get("snippet").forEach(part -> {
            if (part.get("match").asBoolean()) {
                marked.add(part.get("text").asText());
            }
        });
        return marked;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.get(field).asText()));
        return texts;
    }

    private void upload(Login login, String name, String sample) throws Exception {
        HttpResponse<String> response = ret.upload(login.accessToken(), name, "application/octet-stream",
                Files.readAllBytes(SharedSamples.resolve(sample)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
