package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.table.CsvDecoder;
import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.SharedSamples;
import app.ret.ports.testing.WorkbookCells;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What users do with conversions over real HTTP: download workbooks, compare two conversions, search a session's rows. */
class OutputsEndToEndTest extends ServerPerTestFixture {
    @Override
    Map<String, String> settings() {
        return Map.of("RATE_LIMIT_REQUESTS", "100000");
    }

    @Test
    void formatsCsvAndXlsxGiveAWorkbookWithTheCsvsCells() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        upload(alice, "journal.xml", "crossref/journal_article_4.4.2.xml");

        JsonNode job = ret.awaitJob(alice.accessToken(), ret.postJson("/api/conversions", alice.accessToken(),
                "{\"formats\":[\"xlsx\",\"csv\"]}"));

        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("result").get("outputs").findValuesAsText("output")).containsExactly("output/journal.csv", "output/journal.xlsx");
        HttpResponse<byte[]> xlsx = ret.sendForBytes(ret.request("/api/files/output/journal.xlsx")
                .header("Authorization", "Bearer " + alice.accessToken()).GET());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type")).contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        List<List<String>> csv = ret.get("/api/files/output/journal.csv", alice.accessToken()).body().lines()
                .map(line -> List.of(line.split(",", -1))).toList();
        List<List<String>> sheet = WorkbookCells.sheets(xlsx.body()).get("Sheet1");
        assertThat(sheet).hasSize(3);
        assertThat(sheet.get(0)).isEqualTo(csv.get(0));
        assertThat(sheet.get(0)).contains("titles.title", "doi_data.doi");

        JsonNode xlsxOnly = ret.awaitJob(alice.accessToken(), ret.postJson("/api/conversions", alice.accessToken(),
                "{\"format\":\"xlsx\"}"));
        assertThat(xlsxOnly.get("result").get("outputs").findValuesAsText("cached")).containsExactly("true");
    }

    @Test
    void theArticleAndItsTranslationVariantCompareByDoiAndAFileAgainstItselfHasNothingChanged() throws Exception {
        Login bob = ret.loginAsNewUser("bob");
        upload(bob, "article.xml", "crossref/journal_article_4.4.2.xml");
        upload(bob, "translation.xml", "crossref/journal_article_translation_4.4.2.xml");
        assertThat(ret.awaitJob(bob.accessToken(), ret.postJson("/api/conversions", bob.accessToken(),
                "{}")).get("status").asText()).isEqualTo("succeeded");

        JsonNode compared = ret.awaitJob(bob.accessToken(), ret.postJson("/api/comparisons", bob.accessToken(),
                "{\"left\":\"output/article.csv\",\"right\":\"output/translation.csv\",\"key\":[\"doi_data.doi\"]}"));

        assertThat(compared.get("type").asText()).isEqualTo("comparison");
        assertThat(compared.get("status").asText()).as(compared.toString()).isEqualTo("succeeded");
        JsonNode counts = compared.get("result").get("comparison");
        assertThat(counts.get("added").asLong() + counts.get("removed").asLong() + counts.get("changed").asLong()).isPositive();
        JsonNode output = compared.get("result").get("outputs").get(0);
        assertThat(output.get("output").asText()).isEqualTo("output/compare-article-translation.csv");
        String csv = ret.get("/api/files/output/compare-article-translation.csv", bob.accessToken()).body();
        assertThat(csv).startsWith("change,doi_data.doi,changed_columns,");
        List<List<String>> rows = csvRows(csv);
        assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(0))
                .isSubsetOf("added", "removed", "changed").hasSize((int) output.get("rows").asLong());
        assertThat(ret.get("/api/jobs", bob.accessToken()).body()).contains("\"comparison\":{");

        JsonNode itself = ret.awaitJob(bob.accessToken(), ret.postJson("/api/comparisons", bob.accessToken(),
                "{\"left\":\"output/article.csv\",\"right\":\"output/article.csv\",\"key\":[\"doi_data.doi\"]}"));
        JsonNode nothing = itself.get("result").get("comparison");
        assertThat(List.of(nothing.get("added").asLong(), nothing.get("removed").asLong(), nothing.get("changed").asLong()))
                .containsOnly(0L);
        assertThat(nothing.get("unchanged").asLong()).isEqualTo(2);
        assertThat(itself.get("progress").toString()).as("rows: 2 + 2 read, then 4 walked")
                .isEqualTo("{\"done\":8,\"total\":8,\"percent\":100}");
        assertThat(ret.get("/api/files/output/compare-article-article.csv", bob.accessToken()).body().lines()).hasSize(1);

        JsonNode noKey = ret.awaitJob(bob.accessToken(), ret.postJson("/api/comparisons", bob.accessToken(),
                "{\"left\":\"output/article.csv\",\"right\":\"output/article.csv\",\"key\":[\"no.such.column\"]}"));
        assertThat(noKey.get("status").asText()).isEqualTo("failed");
        assertThat(noKey.get("error").get("code").asText()).isEqualTo("unknown_key_column");
    }

    @Test
    void anotherSessionsFilesAndAnythingButACsvOutputAreNotFound() throws Exception {
        Login carol = ret.loginAsNewUser("carol");
        Login dave = ret.loginAsNewUser("dave");
        upload(carol, "article.xml", "crossref/journal_article_4.4.2.xml");
        upload(dave, "article.xml", "crossref/journal_article_4.4.2.xml");
        ret.awaitJob(carol.accessToken(), ret.postJson("/api/conversions", carol.accessToken(), "{}"));

        for (String body : new String[] {
            "{\"left\":\"output/article.csv\",\"right\":\"output/article.csv\"}",
            "{\"left\":\"input/article.xml\",\"right\":\"input/article.xml\"}",
            "{\"left\":\"output/../output/article.csv\",\"right\":\"output/article.csv\"}",
            "{\"left\":\"../" + carol.sessionId() + "/output/article.csv\",\"right\":\"output/article.csv\"}"}) {
            HttpResponse<String> refused = ret.postJson("/api/comparisons", dave.accessToken(), body);
            assertThat(refused.statusCode()).as(body).isEqualTo(404);
            assertThat(RunningRet.json(refused).get("code").asText()).isEqualTo("not_found");
        }
        for (String body : new String[] {"{\"left\":\"output/article.csv\"}", "{\"left\":[\"output/article.csv\"],\"right\":\"output/article.csv\"}",
            "{\"left\":\"output/article.csv\",\"right\":\"output/article.csv\",\"key\":[\"a\",\"a\"]}"}) {
            assertThat(ret.postJson("/api/comparisons", carol.accessToken(), body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(RunningRet.json(ret.get("/api/jobs", dave.accessToken())).get("jobs")).isEmpty();
    }

    private static List<List<String>> csvRows(String csv) {
        CsvDecoder decoder = new CsvDecoder();
        List<List<String>> rows = new ArrayList<>();
        for (byte b : csv.getBytes(StandardCharsets.UTF_8)) {
            if (decoder.accept(b)) {
                rows.add(decoder.takeRow());
            }
        }
        return rows;
    }

    private void upload(Login login, String name, String sample) throws Exception {
        HttpResponse<String> response = ret.upload(login.accessToken(), name, "application/octet-stream",
                Files.readAllBytes(SharedSamples.resolve(sample)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
