package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PUT answered 2xx is durable: the real server runs as a child JVM, takes state writes from
 * several clients, and is killed with SIGKILL in the middle of them. After each kill the database
 * must pass {@code PRAGMA integrity_check} and the restarted server must serve every value it
 * acknowledged, byte for byte.
 */
class StateCrashRecoveryTest {
    private static final Pattern LISTENING = Pattern.compile("RET listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int CYCLES = 3;
    private static final int WRITERS = 3;
    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path root;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private Process server;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedPutSurvivesKillDashNine() throws Exception {
        String token = null;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int port = startServer();
            if (token == null) {
                token = login(port);
            }
            for (Map.Entry<String, String> value : acknowledged.entrySet()) {
                HttpResponse<String> read = send(HttpRequest.newBuilder(uri(port, value.getKey()))
                        .header("Authorization", "Bearer " + token).GET());
                assertThat(read.statusCode()).as("acknowledged " + value.getKey()).isEqualTo(200);
                assertThat(read.body()).isEqualTo(value.getValue());
            }
            int before = acknowledged.size();
            writeUntilKilled(port, token, cycle);
            assertThat(acknowledged.size() - before).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            assertThat(integrityCheck()).isEqualTo("ok");
        }
        int port = startServer();
        for (Map.Entry<String, String> value : acknowledged.entrySet()) {
            HttpResponse<String> read = send(HttpRequest.newBuilder(uri(port, value.getKey()))
                    .header("Authorization", "Bearer " + token).GET());
            assertThat(read.body()).as(value.getKey()).isEqualTo(value.getValue());
        }
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("a plain SIGTERM stops the server cleanly").isTrue();
    }

    private void writeUntilKilled(int port, String token, int cycle) throws Exception {
        int killAt = acknowledged.size() + ACKS_BEFORE_KILL;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            Future<?>[] running = new Future<?>[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running[w] = writers.submit(() -> {
                    for (int i = 0; ; i++) {
                        String key = "c" + cycle + "-w" + writer + "-" + i;
                        String value = "{\"cycle\":" + cycle + ",\"writer\":\"" + writer + "\",\"i\":" + i + ",\"pad\":\"" + "p".repeat(i % 300) + "\"}";
                        HttpResponse<String> response;
                        try {
                            response = client.send(HttpRequest.newBuilder(uri(port, key))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .PUT(HttpRequest.BodyPublishers.ofString(value)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                        } catch (IOException killed) {
                            return null;
                        }
                        if (response.statusCode() == 204) {
                            acknowledged.put(key, value);
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < killAt && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            server.destroyForcibly();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private int startServer() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "app.ret.bootstrap.Main", "serve")
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(RunningRet.testSettings(root));
        builder.environment().put("API_HOST", "127.0.0.1");
        builder.environment().put("SESSION_CACHE_MAX_SIZE", "16");
        // Hundreds of writes a minute from one user: this test is about durability, not the API limit.
        builder.environment().put("RATE_LIMIT_REQUESTS", "1000000");
        server = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("the server exited before listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "ret-child-output");
        output.setDaemon(true);
        output.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private String login(int port) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + RunningRet.ADMIN_PASSWORD + "\"}")));
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return RunningRet.JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String integrityCheck() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + root.resolve("ret_session.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static URI uri(int port, String key) {
        return URI.create("http://127.0.0.1:" + port + "/api/session/state/" + key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
