package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/files/{path}/preview} and {@code .../elements} over real HTTP. */
class FilePreviewEndToEndTest extends ServerPerTestFixture {
    private static final String QUOTED = "a, \"quoted\" value\nover two lines";
    private static final String DEPOSIT = "<library><book><title>" + QUOTED.replace("\"", "&quot;") + "</title><isbn>1</isbn></book>"
            + "<book><title>plain</title><isbn>2</isbn></book><book><title>third</title><isbn>3</isbn></book></library>";

    @Test
    void aConvertedTableIsShownWithItsQuotesAndLineBreaksPageByPage() {
        Login login = convertedDeposit("erin");

        JsonNode first = preview(login, "output/library.record-book.csv?offset=0&limit=2");
        assertThat(texts(first.get("columns"))).containsExactly("title", "isbn");
        assertThat(first.get("rows")).hasSize(2);
        assertThat(texts(first.get("rows").get(0))).containsExactly(QUOTED, "1");
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(first.get("total_rows").isNull()).isTrue();

        JsonNode last = preview(login, "output/library.record-book.csv?offset=2&limit=2");
        assertThat(texts(last.get("rows").get(0))).containsExactly("third", "3");
        assertThat(last.get("total_rows").asLong()).isEqualTo(3);

        JsonNode pastTheEnd = preview(login, "output/library.record-book.csv?offset=50");
        assertThat(pastTheEnd.get("rows")).isEmpty();
        assertThat(pastTheEnd.get("total_rows").asLong()).isEqualTo(3);
        assertThat(pastTheEnd.get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void theLimitIsCappedAndBadNumbersAreRefused() {
        Login login = convertedDeposit("frank");

        assertThat(preview(login, "output/library.record-book.csv?limit=5000").get("limit").asInt()).isEqualTo(1000);
        assertThat(preview(login, "output/library.record-book.csv?limit=99999999999999999").get("limit").asInt()).isEqualTo(1000);
        for (String query : List.of("limit=0", "offset=-1", "offset=abc", "limit=1.5")) {
            HttpResponse<String> refused = ret.get("/api/files/output/library.record-book.csv/preview?" + query, login.accessToken());
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(RunningRet.json(refused).get("code").asText()).isEqualTo("validation_failed");
        }
    }

    @Test
    void theElementsOfAnInputAreCountedWithTheirDepth() {
        Login login = convertedDeposit("gina");

        JsonNode census = RunningRet.json(ret.get("/api/files/input/library.xml/elements", login.accessToken()));

        assertThat(census.get("complete").asBoolean()).isTrue();
        assertThat(census.get("elements").toString()).isEqualTo("[{\"name\":\"library\",\"count\":1,\"depth\":1},"
                + "{\"name\":\"book\",\"count\":3,\"depth\":2},{\"name\":\"title\",\"count\":3,\"depth\":3},{\"name\":\"isbn\",\"count\":3,\"depth\":3}]");
    }

    @Test
    void onlyTheSessionsOwnFilesOfTheRightKindAreShown() {
        Login owner = convertedDeposit("hugo");
        Login other = ret.loginAsNewUser("ines");

        for (String path : List.of("/api/files/output/library.record-book.csv/preview", "/api/files/input/library.xml/elements")) {
            assertThat(ret.get(path, other.accessToken()).statusCode()).as(path).isEqualTo(404);
            assertThat(ret.get(path, owner.accessToken()).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/api/files/input/library.xml/preview", "/api/files/output/library.record-book.csv/elements",
                "/api/files/output/none.csv/preview", "/api/files/output/%2e%2e/library.csv/preview",
                "/api/files/input/library.xml/more/elements", "/api/files/input/library.xml/more")) {
            HttpResponse<String> missing = ret.get(path, owner.accessToken());
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(RunningRet.json(missing).get("code").asText()).isEqualTo("not_found");
        }
        assertThat(ret.send(ret.request("/api/files/output/library.record-book.csv/preview").GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aHundredMegabyteTableIsPagedWithoutReadingItWhole() throws IOException {
        Login login = ret.loginAsNewUser("jules");
        Path table = ret.sessionDirectory(login.sessionId()).resolve("output").resolve("big.csv");
        Files.createDirectories(table.getParent());
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(table, StandardCharsets.UTF_8)) {
            out.write("id,text\r\n");
            while (Files.size(table) < 100L << 20) {
                for (int i = 0; i < 1000; i++, rows++) {
                    out.write(rows + ",\"row " + rows + ", with \"\"quotes\"\" and a\nline break, padded " + "x".repeat(40) + "\"\r\n");
                }
                out.flush();
            }
        }
        assertThat(Files.size(table)).isGreaterThanOrEqualTo(100L << 20);

        JsonNode start = preview(login, "output/big.csv");
        JsonNode deep = preview(login, "output/big.csv?offset=500000&limit=1000");
        JsonNode end = preview(login, "output/big.csv?offset=" + (rows - 1));

        assertThat(start.get("rows")).hasSize(100);
        assertThat(start.get("total_rows").isNull()).isTrue();
        assertThat(deep.get("rows")).hasSize(1000);
        assertThat(texts(deep.get("rows").get(0))).containsExactly("500000",
                "row 500000, with \"quotes\" and a\nline break, padded " + "x".repeat(40));
        assertThat(end.get("total_rows").asLong()).isEqualTo(rows);
    }

    /** Uploads a small deposit and converts it with books as records, waiting for the job to finish. */
    private Login convertedDeposit(String username) {
        Login login = ret.loginAsNewUser(username);
        assertThat(ret.upload(login.accessToken(), "library.xml", "application/xml", DEPOSIT.getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> accepted = ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"options\":{\"record\":\"book\"}}")));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String statusUrl = RunningRet.json(accepted).get("status_url").asText();
        for (int poll = 0; poll < 500; poll++) {
            String status = RunningRet.json(ret.get(statusUrl, login.accessToken())).get("status").asText();
            if (status.equals("succeeded")) {
                return login;
            }
            assertThat(status).isIn("queued", "running");
            sleep();
        }
        throw new AssertionError("the conversion did not finish");
    }

    private JsonNode preview(Login login, String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        HttpResponse<String> response = ret.get("/api/files/" + path + "/preview" + (query < 0 ? "" : pathAndQuery.substring(query)),
                login.accessToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningRet.json(response);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
