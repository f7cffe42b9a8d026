package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.DirectorySnapshot;
import app.ret.ports.testing.SharedSamples;
import app.ret.ports.testing.TestZips;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files API over real HTTP, with the shared sample data and hostile uploads (TARGETS.md R6, R8, R9). */
class FilesEndToEndTest extends ServerPerTestFixture {
    @TempDir
    Path smallRoot;

    @Test
    void aNestedArchiveAndALooseXmlFileAreUploadedListedDownloadedExportedAndRemovedAtLogout() throws Exception {
        Login login = ret.loginAsNewUser("erin");
        byte[] archive = Files.readAllBytes(SharedSamples.resolve("archives/test-examples_1.zip"));
        byte[] library = Files.readAllBytes(SharedSamples.resolve("library/1mb.xml"));

        HttpResponse<String> unpacked = ret.upload(login.accessToken(), "test-examples_1.zip", "application/zip", archive);
        assertThat(unpacked.statusCode()).as(unpacked.body()).isEqualTo(201);
        JsonNode unpackedBody = RunningRet.json(unpacked);
        assertThat(unpackedBody.get("files")).hasSize(13);
        assertThat(unpackedBody.get("files").findValuesAsText("group")).containsOnly("test-examples_1", "test-examples_1/test-examples");
        assertThat(unpackedBody.get("files").findValuesAsText("path")).contains("input/test-examples_1/515151.xml",
                "input/test-examples_1/test-examples/5.4.0-article-version-1.xml");
        assertThat(unpackedBody.get("skipped")).hasSize(1);
        assertThat(unpackedBody.get("skipped").get(0).get("name").asText()).isEqualTo("test-examples.zip/Small_test-examples.rar");
        assertThat(unpackedBody.get("skipped").get(0).get("reason").asText()).isEqualTo("not_xml");

        HttpResponse<String> loose = ret.upload(login.accessToken(), "1mb.xml", "application/xml", library);
        assertThat(loose.statusCode()).isEqualTo(201);
        JsonNode looseFile = RunningRet.json(loose).get("files").get(0);
        assertThat(looseFile.get("path").asText()).isEqualTo("input/1mb.xml");
        assertThat(looseFile.get("group").asText()).isEmpty();
        assertThat(looseFile.get("size").asLong()).isEqualTo(library.length);
        assertThat(looseFile.get("sha256").asText()).isEqualTo(sha256(library));

        HttpResponse<String> listing = ret.get("/api/files", login.accessToken());
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode files = RunningRet.json(listing).get("files");
        assertThat(files).hasSize(14);
        assertThat(files.findValuesAsText("kind")).containsOnly("input");
        assertThat(files.findValuesAsText("path")).isSorted();
        assertThat(files.get(0).get("modified_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        HttpResponse<byte[]> download = ret.sendForBytes(authorized("/api/files/input/1mb.xml", login).GET());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(library);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/xml");
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(library.length);
        assertThat(download.headers().firstValue("ETag")).contains("\"" + sha256(library) + "\"");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"1mb.xml\"");
        HttpResponse<byte[]> unchanged = ret.sendForBytes(authorized("/api/files/input/1mb.xml", login)
                .header("If-None-Match", "\"" + sha256(library) + "\"").GET());
        assertThat(unchanged.statusCode()).isEqualTo(304);

        byte[] nestedOriginal = entryOf(entryOf(archive, "test-examples.zip"), "5.4.0-article-version-1.xml");
        HttpResponse<byte[]> nested = ret.sendForBytes(
                authorized("/api/files/input/test-examples_1/test-examples/5.4.0-article-version-1.xml", login).GET());
        assertThat(nested.body()).isEqualTo(nestedOriginal);

        HttpResponse<byte[]> group = ret.sendForBytes(authorized("/api/files.zip?prefix=input/test-examples_1/", login).GET());
        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(group.headers().firstValue("Content-Type")).contains("application/zip");
        Map<String, byte[]> exported = entries(group.body());
        assertThat(exported).hasSize(13);
        assertThat(exported.get("input/test-examples_1/test-examples/5.4.0-article-version-1.xml")).isEqualTo(nestedOriginal);
        assertThat(entries(ret.sendForBytes(authorized("/api/files.zip", login).GET()).body())).hasSize(14);

        assertThat(ret.delete("/api/files/input/1mb.xml", login.accessToken()).statusCode()).isEqualTo(204);
        assertThat(ret.get("/api/files/input/1mb.xml", login.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.delete("/api/files/input/1mb.xml", login.accessToken()).statusCode()).isEqualTo(404);

        long bytes = 0;
        for (JsonNode file : RunningRet.json(ret.get("/api/files", login.accessToken())).get("files")) {
            bytes += file.get("size").asLong();
        }
        HttpResponse<String> logout = ret.post("/api/auth/logout", login.accessToken());
        assertThat(RunningRet.json(logout).get("removed").get("files").asLong()).isEqualTo(13);
        assertThat(RunningRet.json(logout).get("removed").get("bytes").asLong()).isEqualTo(bytes);
        assertThat(ret.sessionDirectory(login.sessionId())).doesNotExist();
        try (Stream<Path> sessions = Files.list(root.resolve("sessions"))) {
            assertThat(sessions).isEmpty();
        }
        assertThat(ret.get("/api/files", login.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.get("/api/files/input/1mb.xml", login.accessToken()).statusCode()).isEqualTo(401);
        ret.awaitNothingOnDiskOf(login.sessionId());
    }

    @Test
    void hostileArchivesAreRefusedAsAWholeWithNothingWritten() {
        Login login = ret.loginAsNewUser("mallory");
        assertThat(ret.upload(login.accessToken(), "keep.xml", "application/xml", TestZips.xml("keep").getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(201);
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("zip-slip ../", TestZips.zip().entry("good.xml", "<g/>").entry("../../evil.xml", "<e/>").bytes());
        hostile.put("zip-slip inside a folder", TestZips.zip().entry("a/b/../../../evil.xml", "<e/>").bytes());
        hostile.put("absolute", TestZips.zip().entry("/tmp/evil.xml", "<e/>").bytes());
        hostile.put("backslashes", TestZips.zip().entry("..\\..\\evil.xml", "<e/>").bytes());
        hostile.put("drive letter", TestZips.zip().entry("C:evil.xml", "<e/>").bytes());
        hostile.put("NUL", TestZips.zip().entry("evil.xml\u0000.txt", "<e/>").bytes());
        hostile.put("zip-slip in a nested archive", TestZips.zip().entry("good.xml", "<g/>")
                .nested("inner.zip", TestZips.zip().entry("../../../../evil.xml", "<e/>")).bytes());
        hostile.put("ratio bomb", TestZips.zip().zeros("bomb.xml", 50_000_000).bytes());
        hostile.put("10,001 entries", TestZips.zip().manyXml("f", 10_001).bytes());
        TestZips four = TestZips.zip().nested("l2.zip", TestZips.zip().nested("l3.zip", TestZips.zip().nested("l4.zip",
                TestZips.zip().entry("deep.xml", "<d/>"))));
        hostile.put("nested four deep", four.bytes());
        hostile.put("corrupt data", TestZips.corruptFirstEntry(TestZips.zip().entry("a.xml", TestZips.xml("a".repeat(300))).bytes()));
        hostile.put("truncated", TestZips.truncated(TestZips.zip().entry("a.xml", TestZips.xml("a")).entry("b.xml", "<b/>").bytes()));

        Map<String, Long> before = DirectorySnapshot.of(root.resolve("sessions"));
        for (Map.Entry<String, byte[]> upload : hostile.entrySet()) {
            HttpResponse<String> response = ret.upload(login.accessToken(), "upload.zip", "application/zip", upload.getValue());
            assertThat(response.statusCode()).as(upload.getKey()).isEqualTo(422);
            assertThat(RunningRet.json(response).get("code").asText()).as(upload.getKey()).isEqualTo("unsafe_archive");
            assertThat(DirectorySnapshot.of(root.resolve("sessions"))).as(upload.getKey()).isEqualTo(before);
        }
        assertThat(DirectorySnapshot.of(root).keySet()).noneMatch(path -> path.contains("evil") || path.contains("bomb") || path.contains("upload"));
        assertThat(RunningRet.json(ret.get("/api/files", login.accessToken())).get("files").findValuesAsText("path"))
                .containsExactly("input/keep.xml");
        assertThat(ret.send(ret.request("/healthz").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void theLimitsOfUploadsArchivesAndTheQuotaAreEnforcedWithTheirCodes() throws Exception {
        try (RunningRet small = RunningRet.start(smallRoot, MutableClock.atSomeFixedTime(),
                Map.of("MAX_UPLOAD_MB", "2", "SESSION_QUOTA_MB", "3", "ZIP_MAX_TOTAL_MB", "1"))) {
            Login login = small.loginAsNewUser("frank");
            byte[] noise = new byte[400_000];
            new Random(3).nextBytes(noise);
            byte[] totalBomb = TestZips.zip().entry("a.xml", noise).entry("b.xml", noise).entry("c.xml", noise).bytes();
            HttpResponse<String> bomb = small.upload(login.accessToken(), "total.zip", "application/zip", totalBomb);
            assertThat(bomb.statusCode()).isEqualTo(422);
            assertThat(RunningRet.json(bomb).get("detail").asText()).contains("more bytes");

            byte[] twoMegabytesOfXml = xmlOfSize(2 * 1024 * 1024 - 10);
            assertThat(small.upload(login.accessToken(), "first.xml", "text/xml", twoMegabytesOfXml).statusCode()).isEqualTo(201);
            HttpResponse<String> overQuota = small.upload(login.accessToken(), "second.xml", "text/xml", xmlOfSize(1024 * 1024 + 100));
            assertThat(overQuota.statusCode()).isEqualTo(413);
            assertThat(RunningRet.json(overQuota).get("code").asText()).isEqualTo("quota_exceeded");
            assertThat(small.upload(login.accessToken(), "second.xml", "text/xml", xmlOfSize(1024 * 1024 - 100)).statusCode()).isEqualTo(201);

            Map<String, Long> before = DirectorySnapshot.of(smallRoot.resolve("sessions"));
            RawResponse declared = raw(small, "POST", "/api/files?name=big.xml", login.accessToken(),
                    "Content-Type: application/xml\r\nContent-Length: " + (2 * 1024 * 1024 + 1) + "\r\n");
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.text()).contains("\"code\":\"payload_too_large\"");
            byte[] chunkedBody = xmlOfSize(2 * 1024 * 1024 + 32 * 1024);
            HttpResponse<String> chunked = small.send(small.request("/api/files?name=big.xml")
                    .header("Authorization", "Bearer " + login.accessToken()).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunkedBody))));
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(RunningRet.json(chunked).get("code").asText()).isEqualTo("payload_too_large");
            assertThat(DirectorySnapshot.of(smallRoot.resolve("sessions"))).isEqualTo(before);
        }
    }

    @Test
    void uploadsAreJudgedByTheirBytesAndGetSafeNames() {
        Login login = ret.loginAsNewUser("grace");
        byte[] xml = TestZips.xml("r").getBytes(StandardCharsets.UTF_8);

        assertThat(code(ret.upload(login.accessToken(), "a.pdf", "application/xml", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))))
                .as("the bytes decide, not the declared type").isEqualTo("unsupported_media_type");
        assertThat(code(ret.upload(login.accessToken(), "a.pdf", "application/octet-stream", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("unsupported_media_type");
        assertThat(code(ret.upload(login.accessToken(), "empty.xml", "application/xml", new byte[0]))).isEqualTo("unsupported_media_type");
        assertThat(code(ret.send(ret.request("/api/files").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(xml))))).isEqualTo("validation_failed");
        for (String unusable : new String[] {"../../etc/passwd", "..", "a/b.xml", "a\\b.xml", "C:evil.xml", "   ", "x\u0000.xml"}) {
            assertThat(code(ret.upload(login.accessToken(), unusable, "application/xml", xml))).as(unusable).isEqualTo("validation_failed");
        }
        HttpResponse<String> renamed = ret.upload(login.accessToken(), ".my report?.xml", "application/zip", xml);
        assertThat(renamed.statusCode()).isEqualTo(201);
        assertThat(RunningRet.json(renamed).get("files").get(0).get("path").asText()).isEqualTo("input/my report_.xml");
        byte[] utf16 = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><r/>".getBytes(StandardCharsets.UTF_16LE);
        assertThat(ret.upload(login.accessToken(), "utf16.xml", "application/octet-stream", utf16).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> download = ret.sendForBytes(authorized("/api/files/input/my%20report_.xml", login).GET());
        assertThat(download.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"my report_.xml\"; filename*=UTF-8''my%20report_.xml");
        assertThat(RunningRet.json(ret.get("/api/files", login.accessToken())).get("files").findValuesAsText("path"))
                .containsExactly("input/my report_.xml", "input/utf16.xml");
    }

    @Test
    void noPathReachesAnotherSessionsFilesNorLeavesTheWorkspace() throws Exception {
        Login alice = ret.loginAsNewUser("alice");
        Login bob = ret.loginAsNewUser("bob");
        byte[] secret = "<secret>ALICE-ONLY</secret>".getBytes(StandardCharsets.UTF_8);
        assertThat(ret.upload(alice.accessToken(), "secret.xml", "application/xml", secret).statusCode()).isEqualTo(201);
        String a = alice.sessionId();

        assertThat(ret.get("/api/files/input/secret.xml", bob.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.delete("/api/files/input/secret.xml", bob.accessToken()).statusCode()).isEqualTo(404);
        List<String> attempts = List.of(
                "/api/files/input/../../" + a + "/input/secret.xml",
                "/api/files/input/%2e%2e/%2e%2e/" + a + "/input/secret.xml",
                "/api/files/input/..%2f..%2f" + a + "%2finput%2fsecret.xml",
                "/api/files/input/%2E%2E%5C%2E%2E%5C" + a + "%5Cinput%5Csecret.xml",
                "/api/files/..%2f..%2fsessions%2f" + a + "%2finput%2fsecret.xml",
                "/api/files/input/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsessions%2f" + a + "%2finput%2fsecret.xml",
                "/api/files//etc/passwd",
                "/api/files/%2fetc%2fpasswd",
                "/api/files/input/secret.xml%00.csv",
                "/api/files/input/./secret.xml",
                "/api/files/sessions/" + a + "/input/secret.xml",
                "/api/files/input/",
                "/api/files/input");
        for (String path : attempts) {
            for (String method : new String[] {"GET", "DELETE"}) {
                RawResponse response = raw(method, path, bob.accessToken());
                assertThat(response.status()).as(method + " " + path).isEqualTo(404);
                assertThat(response.text()).doesNotContain("ALICE-ONLY");
            }
            assertThat(raw("GET", path.replace(a, bob.sessionId()), alice.accessToken()).status()).as(path).isEqualTo(404);
        }
        for (String prefix : new String[] {"../", "%2e%2e%2f" + a, "input/../../" + a + "/", "sessions/", "%2fetc"}) {
            RawResponse response = raw("GET", "/api/files.zip?prefix=" + prefix, bob.accessToken());
            assertThat(response.status()).as(prefix).isEqualTo(400);
        }
        assertThat(new String(ret.sendForBytes(authorized("/api/files.zip", bob).GET()).body(), StandardCharsets.ISO_8859_1))
                .doesNotContain("secret.xml");
        assertThat(ret.get("/api/files/input/secret.xml", alice.accessToken()).body()).isEqualTo("<secret>ALICE-ONLY</secret>");
    }

    @Test
    void anUploadACrashInterruptedIsRemovedWhenTheServerStartsAgain() throws Exception {
        Login login = ret.loginAsNewUser("heidi");
        assertThat(ret.upload(login.accessToken(), "kept.xml", "application/xml", "<kept/>".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(201);
        Path incoming = ret.sessionDirectory(login.sessionId()).resolve(".incoming");
        Files.writeString(incoming.resolve("upload-7.part"), "<half a fi");
        ret.close();

        ret = RunningRet.start(root);

        try (Stream<Path> left = Files.list(incoming)) {
            assertThat(left).isEmpty();
        }
        assertThat(RunningRet.json(ret.get("/api/files", login.accessToken())).get("files").findValuesAsText("path"))
                .containsExactly("input/kept.xml");
    }

    private HttpRequest.Builder authorized(String path, Login login) {
        return ret.request(path).header("Authorization", "Bearer " + login.accessToken());
    }

    private static String code(HttpResponse<String> response) {
        return RunningRet.json(response).get("code").asText();
    }

    record RawResponse(int status, String text) {}

    private RawResponse raw(String method, String rawTarget, String accessToken) throws IOException {
        return raw(ret, method, rawTarget, accessToken, "");
    }

    /** A request (headers only) written byte for byte, so no client library tidies the target on the way. */
    private static RawResponse raw(RunningRet server, String method, String rawTarget, String accessToken, String moreHeaders)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.runtime.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + rawTarget + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + accessToken
                    + "\r\nConnection: close\r\n" + moreHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            ErrorBodyHygiene.recordRaw(method, rawTarget, text);
            return new RawResponse(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    private static byte[] xmlOfSize(int size) {
        byte[] bytes = new byte[size];
        byte[] open = "<r>".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "</r>".getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(open, 0, bytes, 0, open.length);
        System.arraycopy(close, 0, bytes, size - close.length, close.length);
        return bytes;
    }

    private static byte[] entryOf(byte[] zip, String name) throws IOException {
        byte[] found = entries(zip).get(name);
        assertThat(found).as(name).isNotNull();
        return found;
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = new ByteArrayInputStream(zip); ZipInputStream entriesIn = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entriesIn.getNextEntry()) != null) {
                entries.put(entry.getName(), entriesIn.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
