package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Routing, limits and error bodies of the HTTP front end, over real sockets. */
class HttpHygieneEndToEndTest extends ServerPerTestFixture {

    @Test
    void unknownRoutesAre404ProblemsIncludingPrefixLookalikes() {
        for (String path : new String[] {"/nope", "/api/authX/login", "/api/auth/login/extra", "/api/auth/meX", "/healthzz"}) {
            HttpResponse<String> response = ret.send(ret.request(path).GET());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            JsonNode problem = RunningRet.json(response);
            assertThat(problem.get("code").asText()).isEqualTo("not_found");
            assertThat(problem.get("type").asText()).isEqualTo("https://ret.app/problems/not_found");
            assertThat(problem.get("request_id").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        }
    }

    @Test
    void aKnownRouteWithTheWrongMethodIs405WithAllow() {
        HttpResponse<String> response = ret.send(ret.request("/api/auth/login").GET());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
        assertThat(RunningRet.json(response).get("status").asInt()).isEqualTo(405);
        HttpResponse<String> delete = ret.send(ret.request("/healthz").DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void aClientRequestIdIsEchoedAndAMissingOneGenerated() {
        HttpResponse<String> echoed = ret.send(ret.request("/healthz").header("X-Request-Id", "trace-123").GET());
        assertThat(echoed.headers().firstValue("X-Request-Id")).contains("trace-123");
        HttpResponse<String> hostile = ret.send(ret.request("/healthz").header("X-Request-Id", "bad id\twith spaces").GET());
        assertThat(hostile.headers().firstValue("X-Request-Id").orElseThrow()).doesNotContain(" ").isNotBlank();
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", ret.runtime.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10737418240\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponseHead(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
    }

    @Test
    void aChunkedBodyIsCutAtTheLimit() {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMegabytes, (byte) ' ');
        HttpResponse<String> response = ret.send(ret.request("/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(twoMegabytes))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RunningRet.json(response).get("code").asText()).isEqualTo("payload_too_large");
    }

    /**
     * The client reads only once it has sent the whole body, as a loaded client may: a server that
     * answers 413 and closes with the rest of the body unread makes the kernel reset the connection,
     * and the reset destroys the answer before the client reads it.
     */
    @Test
    void theAnswerToACutChunkedBodySurvivesTheRestOfTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", ret.runtime.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 48; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException serverStoppedReading) {
                // What the answer below must survive.
            }
            InputStream in = socket.getInputStream();
            String head = readResponseHead(in);
            assertThat(head).startsWith("HTTP/1.1 413");
            int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8)).contains("\"code\":\"payload_too_large\"");
        }
    }

    @Test
    void aSlowClientIsCutAfterTheRequestTimeLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", ret.runtime.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketTimeoutException | SocketException e) {
                read = -1;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(seconds).as("cut near HTTP_MAX_REQUEST_SECONDS=3, not at the 15 s socket timeout").isLessThan(10);
        }
        assertThat(ret.send(ret.request("/healthz").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void protectedRoutesWithoutATokenAre401WithAChallenge() {
        HttpResponse<String> response = ret.send(ret.request("/api/auth/me").GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("RFC 6750 §3: no token, no error code").contains("Bearer");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        HttpResponse<String> response = ret.send(ret.request("/api/openapi.json").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningRet.json(response).get("openapi").asText()).startsWith("3.1");
    }

    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.indexOf("\r\n\r\n") >= 0) {
                break;
            }
        }
        return head.toString();
    }
}
