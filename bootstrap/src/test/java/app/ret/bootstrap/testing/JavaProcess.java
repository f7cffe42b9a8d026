package app.ret.bootstrap.testing;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, started as an operator starts RET: a command, environment variables added to
 * this process's, its output appended to a log file. Stopped with SIGTERM or killed with SIGKILL.
 * The cluster tests' instances and the benchmarks' servers are both started through it.
 */
public final class JavaProcess implements AutoCloseable {
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private JavaProcess(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code command} with {@code environment}, in {@code workingDirectory} when one is given,
     * appending its output (standard error included) to {@code log}; {@code name} says which process in messages.
     */
    public static JavaProcess start(String name, List<String> command, Map<String, String> environment, Optional<Path> workingDirectory,
            Path log) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        workingDirectory.ifPresent(directory -> builder.directory(directory.toFile()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long started = System.nanoTime();
        try {
            return new JavaProcess(name, builder.start(), log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@code java [jvmOptions] -cp <this JVM's class path> mainClass [arguments]}. */
    public static List<String> onThisClassPath(List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port nothing listens on right now (the server binds it a moment later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the process printed so far (and what earlier runs appended to the same log). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code probe} every {@code every} until it answers 200; the time since the process was
     * started. Fails, with the log, when the process exits first or {@code timeout} passes.
     */
    public Duration awaitAnswer(URI probe, Duration timeout, Duration every) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; its log:\n" + log());
            }
            try {
                if (PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(every.toMillis());
        }
        throw new IllegalStateException(name + ": " + probe.getPath() + " did not answer 200 within " + timeout + "; its log:\n" + log());
    }

    /** Waits for a process that ends on its own (a command); its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no lease given back, no connection closed; what a crash or the OOM killer does. */
    public void kill9() {
        process.destroyForcibly();
        awaitStop();
    }

    /** SIGTERM: the orderly stop (in-flight requests finish, running jobs go back to the queue). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            awaitStop();
        }
    }

    private void awaitStop() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
