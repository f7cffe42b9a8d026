package app.ret.bootstrap.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

/**
 * One {@code serve} process, started from the built class path in a JVM of its own as an operator
 * starts it, on a fixed free port (so a restart answers where the load balancer expects it), its
 * output appended to a log file. Stopped with SIGTERM or killed with SIGKILL.
 */
public final class RetInstance {
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    /** Small, quickly started JVMs: three of them and PostgreSQL share two cores in CI. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    RetInstance(String name, Map<String, String> environment, Path log) {
        this.name = name;
        this.port = freePort();
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** Runs {@code java … app.ret.bootstrap.Main args} with {@code environment} and waits for it to exit. */
    public static Exited run(Map<String, String> environment, Path log, String... args) {
        Process process = launch(environment, log, args);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("java Main " + String.join(" ", args) + " did not exit within 60 s");
            }
            return new Exited(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How a command-line run ended: its exit code and everything it printed. */
    public record Exited(int code, String output) {}

    private static Process launch(Map<String, String> environment, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("app.ret.bootstrap.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.directory(log.getParent().toFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Starts {@code serve} (again, after a stop) without waiting for it to be ready. */
    void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        Map<String, String> serving = new java.util.HashMap<>(environment);
        serving.put("API_PORT", Integer.toString(port));
        serving.put("RET_INSTANCE_ID", name);
        process = launch(serving, log, "serve");
    }

    /** Polls {@code /readyz} until it answers 200. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; its log:\n" + log());
            }
            try {
                if (PROBE.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log:\n" + log());
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Everything this instance printed so far (every run of it). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no lease given back, no connection closed; what a crash does. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the orderly stop (in-flight requests finish, running jobs go back to the queue). */
    public void stop() {
        if (alive()) {
            process.destroy();
            awaitExit();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
