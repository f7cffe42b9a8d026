package app.ret.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;

/** A small JSON client of the RET API for the benchmark harnesses. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final IntSupplier port;

    /** {@code port} is asked on every request, so a client can follow a server that restarts on another port. */
    ApiClient(IntSupplier port) {
        this.port = port;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    HttpRequest.Builder request(String path, String accessToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        return accessToken == null ? builder : builder.header("Authorization", "Bearer " + accessToken);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Logs in and answers the access token; fails loudly on anything but 200. */
    Session login(String username, String password) {
        try {
            HttpResponse<String> response = send(request("/api/auth/login", null).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new Credentials(username, password)))));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("login answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return new Session(body.get("access_token").asText(), body.get("session_id").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Credentials(String username, String password) {}

    record Session(String accessToken, String sessionId) {}
}
