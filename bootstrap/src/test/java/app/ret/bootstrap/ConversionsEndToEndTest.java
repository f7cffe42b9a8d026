package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.SharedSamples;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Conversions over real HTTP: the shared samples in, CSVs out, the cache across sessions, logout leaving no session files. */
class ConversionsEndToEndTest extends ServerPerTestFixture {
    private static final String BROKEN = "<catalog><item>unclosed</catalog>";
    private static final String WITH_DTD = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x \"y\">]>\n<r><a>&x;</a></r>";

    @Override
    Map<String, String> settings() {
        return Map.of("RATE_LIMIT_REQUESTS", "100000");
    }

    @Test
    void uploadsAreConvertedBadFilesAreListedAndTheSameBytesLaterComeFromTheCache() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        byte[] library = Files.readAllBytes(SharedSamples.resolve("library/1mb.xml"));
        upload(alice, "test-examples_1.zip", Files.readAllBytes(SharedSamples.resolve("archives/test-examples_1.zip")));
        upload(alice, "1mb.xml", library);
        upload(alice, "broken.xml", BROKEN.getBytes(StandardCharsets.UTF_8));
        upload(alice, "dtd.xml", WITH_DTD.getBytes(StandardCharsets.UTF_8));

        List<JsonNode> seen = new ArrayList<>();
        JsonNode job = awaitFinished(alice, submit(alice, "{}"), seen);

        assertThat(job.get("type").asText()).isEqualTo("conversion");
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("progress").get("total").asLong()).isEqualTo(16);
        assertThat(job.get("progress").get("done").asLong()).isEqualTo(16);
        assertThat(job.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(seen).extracting(polled -> polled.get("progress").get("done").asLong()).isSorted();
        assertThat(seen).as("the total is known from the first poll on, queued or running")
                .extracting(polled -> polled.get("progress").get("total").asLong()).containsOnly(16L);
        JsonNode outputs = job.get("result").get("outputs");
        assertThat(outputs).hasSize(14);
        assertThat(outputs.findValuesAsText("cached")).containsOnly("false");
        JsonNode books = find(outputs, "input", "input/1mb.xml");
        assertThat(books.get("output").asText()).isEqualTo("output/1mb.csv");
        assertThat(books.get("rows").asLong()).isEqualTo(6401);
        assertThat(books.get("columns").asInt()).isEqualTo(5);
        assertThat(find(outputs, "input", "input/test-examples_1/test-examples/5.4.0-article-version-1.xml").get("output").asText())
                .isEqualTo("output/test-examples_1/test-examples/5.4.0-article-version-1.csv");
        JsonNode failed = job.get("result").get("failed");
        assertThat(failed.findValuesAsText("input")).containsExactly("input/broken.xml", "input/dtd.xml");
        assertThat(failed.findValuesAsText("code")).containsOnly("invalid_xml");
        assertThat(find(failed, "input", "input/dtd.xml").get("message").asText()).containsIgnoringCase("DTD");

        HttpResponse<String> csv = ret.get("/api/files/output/1mb.csv", alice.accessToken());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"1mb.csv\"");
        assertThat(csv.body()).startsWith("title,author,genre,year,publisher\r\nVelit eius rerum aliquam est.,Norma Haley,totam,1970,");
        assertThat(csv.body().split("\r\n")).hasSize(6402);
        assertThat(csv.body().getBytes(StandardCharsets.UTF_8)).hasSize(books.get("bytes").asInt());
        assertThat(ret.get("/api/files/output/broken.csv", alice.accessToken()).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> zip = ret.sendForBytes(ret.request("/api/files.zip?prefix=output/")
                .header("Authorization", "Bearer " + alice.accessToken()).GET());
        Map<String, byte[]> exported = entries(zip.body());
        assertThat(exported).hasSize(14);
        assertThat(new String(exported.get("output/1mb.csv"), StandardCharsets.UTF_8)).isEqualTo(csv.body());

        Login bob = ret.loginAsNewUser("bob");
        upload(bob, "copy of books.xml", library);
        JsonNode bobs = awaitFinished(bob, submit(bob, "{\"groups\":[\"\"]}"), new ArrayList<>());
        assertThat(bobs.get("result").get("outputs").get(0).get("cached").asBoolean())
                .as("another user's conversion of the same bytes is never revealed").isFalse();

        Login aliceAgain = ret.login("alice", "secret-password");
        upload(aliceAgain, "copy of books.xml", library);
        JsonNode again = awaitFinished(aliceAgain, submit(aliceAgain, "{\"groups\":[\"\"]}"), new ArrayList<>());
        JsonNode cachedOutput = again.get("result").get("outputs").get(0);
        assertThat(cachedOutput.get("output").asText()).isEqualTo("output/copy of books.csv");
        assertThat(cachedOutput.get("cached").asBoolean()).as("the same user's second session").isTrue();
        assertThat(cachedOutput.get("rows").asLong()).isEqualTo(6401);
        assertThat(ret.get("/api/files/output/copy%20of%20books.csv", aliceAgain.accessToken()).body()).isEqualTo(csv.body());

        JsonNode unguarded = awaitFinished(aliceAgain, submit(aliceAgain,
                "{\"paths\":[\"input/copy of books.xml\"],\"options\":{\"formula_guard\":false}}"), new ArrayList<>());
        JsonNode unguardedOutput = unguarded.get("result").get("outputs").get(0);
        assertThat(unguardedOutput.get("cached").asBoolean()).as("other options, other key").isFalse();
        assertThat(unguardedOutput.get("output").asText()).as("other options, other name").isEqualTo("output/copy of books.no-formula-guard.csv");
        assertThat(ret.get("/api/files/output/copy%20of%20books.csv", aliceAgain.accessToken()).body()).isEqualTo(csv.body());

        assertThat(ret.post("/api/auth/logout", alice.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.post("/api/auth/logout", bob.accessToken()).statusCode()).isEqualTo(200);
        JsonNode lastLogout = RunningRet.json(ret.post("/api/auth/logout", aliceAgain.accessToken()));
        assertThat(lastLogout.get("removed").get("conversion_cache_entries").asLong()).isEqualTo(2);
        assertThat(lastLogout.get("removed").get("conversion_cache_bytes").asLong()).isGreaterThan(2L * books.get("bytes").asLong());
        try (Stream<Path> sessions = Files.list(root.resolve("sessions"))) {
            assertThat(sessions).as("no session leaves files behind").isEmpty();
        }
        try (Stream<Path> derived = Files.walk(root.resolve("conversion-cache"))) {
            assertThat(derived.filter(Files::isRegularFile)).as("nothing derived from any session remains").isEmpty();
        }
        try (Stream<Path> staging = Files.list(root.resolve("conversion-cache/.staging"))) {
            assertThat(staging).as("no spill file or half entry left").isEmpty();
        }
    }

    @Test
    void recordsCanBeNamedAndAJobWhoseEveryInputFailsFails() throws Exception {
        Login carol = ret.loginAsNewUser("carol");
        upload(carol, "journal.xml", Files.readAllBytes(SharedSamples.resolve("crossref/journal_article_4.4.2.xml")));
        upload(carol, "broken.xml", BROKEN.getBytes(StandardCharsets.UTF_8));

        JsonNode articles = awaitFinished(carol, submit(carol,
                "{\"paths\":[\"input/journal.xml\"],\"format\":\"csv\",\"options\":{\"record\":\"journal_article\"}}"), new ArrayList<>());
        assertThat(articles.get("status").asText()).isEqualTo("succeeded");
        assertThat(articles.get("result").get("outputs").get(0).get("rows").asLong()).isEqualTo(2);
        assertThat(articles.get("result").get("outputs").get(0).get("output").asText()).isEqualTo("output/journal.record-journal_article.csv");
        String header = ret.get("/api/files/output/journal.record-journal_article.csv", carol.accessToken()).body().split("\r\n")[0];
        assertThat(header.split(",")).contains("titles.title", "doi_data.doi", "contributors.person_name[2].surname");

        JsonNode noRecords = awaitFinished(carol, submit(carol,
                "{\"paths\":[\"input/journal.xml\",\"input/broken.xml\"],\"options\":{\"record\":\"no_such_element\"}}"), new ArrayList<>());
        assertThat(noRecords.get("status").asText()).isEqualTo("failed");
        assertThat(noRecords.get("error").get("code").asText()).isEqualTo("conversion_failed");
        assertThat(noRecords.get("result").get("outputs")).isEmpty();
        assertThat(noRecords.get("result").get("failed").findValuesAsText("code")).containsExactly("invalid_xml", "no_records");
    }

    @Test
    void hostileXmlFailsOnlyItsOwnFileAndReadsNothingElse() throws Exception {
        Path canary = Files.writeString(root.resolve("canary.txt"), "CANARY-SECRET");
        Login erin = ret.loginAsNewUser("erin");
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]><lolz><a>&lol2;</a></lolz>";
        upload(erin, "xxe.xml", ("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + canary.toUri() + "\">]>\n<r><a>&x;</a></r>")
                .getBytes(StandardCharsets.UTF_8));
        upload(erin, "laughs.xml", laughs.getBytes(StandardCharsets.UTF_8));
        upload(erin, "deep.xml", ("<a>".repeat(10_000) + "</a>".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        upload(erin, "good.xml", "<r><i>1</i><i>2</i></r>".getBytes(StandardCharsets.UTF_8));

        JsonNode job = awaitFinished(erin, submit(erin, "{}"), new ArrayList<>());

        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("result").get("outputs").findValuesAsText("input")).containsExactly("input/good.xml");
        assertThat(job.get("result").get("failed").findValuesAsText("input"))
                .containsExactly("input/deep.xml", "input/laughs.xml", "input/xxe.xml");
        assertThat(job.get("result").get("failed").findValuesAsText("code")).containsOnly("invalid_xml");
        assertThat(job.toString()).doesNotContain("CANARY-SECRET");
        assertThat(RunningRet.json(ret.get("/api/files", erin.accessToken())).get("files").findValuesAsText("path"))
                .containsExactly("input/deep.xml", "input/good.xml", "input/laughs.xml", "input/xxe.xml", "output/good.csv");
        try (Stream<Path> everything = Files.walk(root)) {
            for (Path file : everything.filter(Files::isRegularFile).filter(path -> !path.equals(canary)).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain("CANARY-SECRET");
            }
        }
    }

    @Test
    void requestsThatSelectNothingValidAreRefused() {
        Login dave = ret.loginAsNewUser("dave");
        assertThat(problem(submit(dave, "{}"))).isEqualTo("400 validation_failed");
        upload(dave, "a.xml", "<r><i>1</i></r>".getBytes(StandardCharsets.UTF_8));
        for (String body : new String[] {"{\"format\":\"pdf\"}", "{\"formats\":[]}", "{\"formats\":[\"csv\",\"ods\"]}",
            "{\"format\":\"csv\",\"formats\":[\"xlsx\"]}", "{\"options\":{\"record\":\"1x\"}}", "{\"options\":{\"record\":\"p:x\"}}",
            "{\"paths\":[\"input/none.xml\"]}", "{\"paths\":[\"input/../a.xml\"]}", "{\"paths\":[\"output/a.csv\"]}", "{\"groups\":[\"nope\"]}",
            "{\"paths\":[null]}", "{\"paths\":\"input/a.xml\"}", "{\"paths\":[],\"groups\":[]}", "[]", "{"}) {
            assertThat(problem(submit(dave, body))).as(body).isEqualTo("400 validation_failed");
        }
        HttpResponse<String> wrongType = ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + dave.accessToken())
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(problem(wrongType)).isEqualTo("415 unsupported_media_type");
        assertThat(RunningRet.json(ret.get("/api/jobs", dave.accessToken())).get("jobs")).isEmpty();
    }

    @Test
    void unknownFieldsAreRefusedByNameInEveryJsonBody() {
        Login erin = ret.loginAsNewUser("erin");
        upload(erin, "a.xml", "<r><i>1</i></r>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> misspeltObject = submit(erin, "{\"option\":{\"record\":\"i\"}}");
        HttpResponse<String> misspeltOption = submit(erin, "{\"options\":{\"formula_gaurd\":false}}");
        HttpResponse<String> login = ret.postJson("/api/auth/login", "{\"username\":\"erin\",\"password\":\"secret-password\",\"remember\":true}");

        assertThat(problem(misspeltObject)).isEqualTo("400 validation_failed");
        assertThat(RunningRet.json(misspeltObject).get("detail").asText()).contains("\"option\"");
        assertThat(problem(misspeltOption)).isEqualTo("400 validation_failed");
        assertThat(RunningRet.json(misspeltOption).get("detail").asText()).contains("\"options.formula_gaurd\"");
        assertThat(problem(login)).isEqualTo("400 validation_failed");
        assertThat(RunningRet.json(login).get("detail").asText()).contains("\"remember\"");
        assertThat(RunningRet.json(ret.get("/api/jobs", erin.accessToken())).get("jobs")).as("nothing was converted with defaults").isEmpty();
    }

    private void upload(Login login, String name, byte[] bytes) {
        HttpResponse<String> response = ret.upload(login.accessToken(), name, "application/octet-stream", bytes);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpResponse<String> submit(Login login, String json) {
        return ret.send(ret.request("/api/conversions").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode awaitFinished(Login login, HttpResponse<String> accepted, List<JsonNode> seen) throws InterruptedException {
        return ret.awaitJob(login.accessToken(), accepted, seen);
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + items);
    }

    private static String problem(HttpResponse<String> response) {
        return response.statusCode() + " " + RunningRet.json(response).get("code").asText();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
