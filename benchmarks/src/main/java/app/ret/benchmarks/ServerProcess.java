package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server in a process of its own, as an operator starts it ({@code java -jar ret.jar serve}):
 * started on a free loopback port through {@link JavaProcess}, its output appended to a log file,
 * stopped with SIGTERM or killed with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
    private final JavaProcess process;
    private final int port;

    private ServerProcess(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code java [jvmOptions] -jar jar serve} with {@code environment} added to this process's. */
    static ServerProcess startRet(Path jar, Map<String, String> environment, List<String> jvmOptions, Path log) {
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("serve");
        return start(command, environment, log);
    }

    /** Starts a main class of this benchmarks jar in a JVM of its own. */
    static ServerProcess startMain(Class<?> main, List<String> jvmOptions, List<String> arguments, int port, Path log) {
        return start(JavaProcess.onThisClassPath(jvmOptions, main.getName(), arguments), Map.of("API_PORT", Integer.toString(port)), log);
    }

    private static ServerProcess start(List<String> command, Map<String, String> environment, Path log) {
        return new ServerProcess(JavaProcess.start("the server", command, environment, Optional.empty(), log),
                Integer.parseInt(environment.get("API_PORT")));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Polls {@code path} every 5 ms until it answers 200; the time since the process was started. */
    Duration awaitReady(String path, Duration timeout) {
        return process.awaitAnswer(uri(path), timeout, Duration.ofMillis(5));
    }

    Duration awaitReady() {
        return awaitReady("/readyz", Duration.ofSeconds(60));
    }

    /** Resident set size from {@code /proc/<pid>/status}. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for " + process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no close; what a crash or an OOM killer does. */
    void kill9() {
        process.kill9();
    }

    /** SIGTERM: the server's orderly stop. */
    @Override
    public void close() {
        process.close();
    }
}
