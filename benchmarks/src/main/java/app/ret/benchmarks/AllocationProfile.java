package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a server process allocates while a load runs, from a JFR recording started and stopped
 * around it with {@code jcmd}: the sum of the {@code jdk.ObjectAllocationSample} weights (JFR scales
 * them so that they add up to the bytes allocated: an estimate) of every thread but the profiler's own.
 */
final class AllocationProfile {

    private AllocationProfile() {}

    record Measured<T>(T load, long allocatedBytes) {}

    static <T> Measured<T> during(ServerProcess server, Path work, Supplier<T> load) {
        Path recording = work.resolve("allocation-" + server.pid() + "-" + System.nanoTime() + ".jfr");
        String name = "alloc" + System.nanoTime();
        tool("jcmd", Long.toString(server.pid()), "JFR.start", "name=" + name, "settings=profile");
        T result = load.get();
        tool("jcmd", Long.toString(server.pid()), "JFR.stop", "name=" + name, "filename=" + recording);
        String json = tool("jfr", "print", "--json", "--events", "jdk.ObjectAllocationSample", recording.toString());
        long bytes = 0;
        try {
            for (JsonNode event : ApiClient.JSON.readTree(json).path("recording").path("events")) {
                JsonNode values = event.path("values");
                if (!isProfilerThread(values.path("eventThread").path("javaName").asText(""))) {
                    bytes += values.path("weight").asLong();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR events", e);
        }
        return new Measured<>(result, bytes);
    }

    /** The recorder's own threads and the attach mechanism allocate for the measurement, not for the requests. */
    private static boolean isProfilerThread(String name) {
        return name.startsWith("JFR") || name.equals("Attach Listener") || name.startsWith("RMI") || name.equals("Notification Thread");
    }

    private static String tool(String name, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(JavaProcess.javaExecutable()).resolveSibling(name).toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
