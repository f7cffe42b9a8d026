package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code Main serve} in its own JVM on a free port (its output in files beside the runtime root), and a client for it. */
final class ServerProcess {
    private static final Pattern LISTENING = Pattern.compile("RET listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path errors;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, Path errors, int port) {
        this.process = process;
        this.errors = errors;
        this.port = port;
    }

    /** Starts the server with the test settings plus {@code environment}, and waits until it listens. */
    static ServerProcess launch(Path root, String name, List<String> jvmOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path stdout = root.resolve(name + ".out");
        Path stderr = root.resolve(name + ".err");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(RunningRet.testSettings(root));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Generous: the machines that run the tests are shared and often loaded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (listening.find()) {
                return new ServerProcess(process, stderr, Integer.parseInt(listening.group(1)));
            }
            assertThat(process.isAlive()).as("server %s exited: %s", name, Files.readString(stderr)).isTrue();
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("server " + name + " did not start listening");
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpRequest.Builder authorized(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String login() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + RunningRet.ADMIN_PASSWORD + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
