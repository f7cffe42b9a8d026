package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import app.ret.ports.testing.WorkbookCells;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users do with conversions over real HTTP: download workbooks, compare two conversions, search a session's rows. */
class OutputsEndToEndTest {
    @TempDir
    Path root;

    private RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = RunningRet.start(root, MutableClock.atSomeFixedTime(), Map.of("RATE_LIMIT_REQUESTS", "100000"));
    }

    @AfterEach
    void stopServer() {
        ret.close();
    }

    @Test
    void formatsCsvAndXlsxGiveAWorkbookWithTheCsvsCells() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        upload(alice, "journal.xml", "crossref/journal_article_4.4.2.xml");

        JsonNode job = ret.awaitJob(alice.accessToken(), ret.postJson("/api/conversions", alice.accessToken(),
                "{\"formats\":[\"xlsx\",\"csv\"],\"options\":{\"record\":\"journal_article\"}}"));

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
                "{\"format\":\"xlsx\",\"options\":{\"record\":\"journal_article\"}}"));
        assertThat(xlsxOnly.get("result").get("outputs").findValuesAsText("cached")).containsExactly("true");
    }

    private void upload(Login login, String name, String sample) throws Exception {
        HttpResponse<String> response = ret.upload(login.accessToken(), name, "application/octet-stream",
                Files.readAllBytes(SharedSamples.resolve(sample)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
