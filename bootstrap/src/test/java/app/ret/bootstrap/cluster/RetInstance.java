package app.ret.bootstrap.cluster;

import app.ret.bootstrap.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code serve} process, started from the built class path in a JVM of its own as an operator
 * starts it, on a fixed free port (so a restart answers where the load balancer expects it), its
 * output appended to a log file. Stopped with SIGTERM or killed with SIGKILL.
 */
public final class RetInstance {
    /** Small, quickly started JVMs: three of them and PostgreSQL share two cores in CI. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private JavaProcess process;

    RetInstance(String name, Map<String, String> environment, Path log) {
        this.name = name;
        this.port = JavaProcess.freePort();
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** Runs {@code java … app.ret.bootstrap.Main args} with {@code environment} and waits for it to exit. */
    public static Exited run(Map<String, String> environment, Path log, String... args) {
        int code = launch("java Main " + String.join(" ", args), environment, log, args).awaitExit(Duration.ofSeconds(60));
        try {
            return new Exited(code, Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a command-line run ended: its exit code and everything it printed. */
    public record Exited(int code, String output) {}

    private static JavaProcess launch(String name, Map<String, String> environment, Path log, String... args) {
        return JavaProcess.start(name, JavaProcess.onThisClassPath(JVM_OPTIONS, "app.ret.bootstrap.Main", List.of(args)), environment,
                Optional.of(log.getParent()), log);
    }

    /** Starts {@code serve} (again, after a stop) without waiting for it to be ready. */
    void launch() {
        if (alive()) {
            throw new IllegalStateException(name + " is running");
        }
        Map<String, String> serving = new HashMap<>(environment);
        serving.put("API_PORT", Integer.toString(port));
        serving.put("RET_INSTANCE_ID", name);
        process = launch(name, serving, log, "serve");
    }

    /** Polls {@code /readyz} until it answers 200. */
    void awaitReady(Duration timeout) {
        process.awaitAnswer(uri("/readyz"), timeout, Duration.ofMillis(20));
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public boolean alive() {
        return process != null && process.alive();
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
        process.kill9();
    }

    /** SIGTERM: the orderly stop (in-flight requests finish, running jobs go back to the queue). */
    public void stop() {
        if (alive()) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
