package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a server process allocates while a load runs, from a JFR recording started and stopped
 * around it with {@code jcmd}: JFR's {@code jdk.ThreadAllocationStatistics} give each thread's
 * allocated bytes so far at the recording's start and end (exact counters, not samples); the sum of
 * their differences over every thread but the profiler's own. (The weights of
 * {@code jdk.ObjectAllocationSample} were summed before: a thread's first sample in a recording
 * carries what it allocated since its previous sample, however long ago, which made the figures
 * many times too large.)
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
        String json = tool("jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics", recording.toString());
        // Per thread: the counter at its first and last appearance, and whether it appeared in the recording's last batch.
        Map<Long, long[]> firstAndLast = new HashMap<>();
        Map<Long, String> lastSeen = new HashMap<>();
        String end = "";
        try {
            for (JsonNode event : ApiClient.JSON.readTree(json).path("recording").path("events")) {
                JsonNode values = event.path("values");
                JsonNode thread = values.path("thread");
                if (isProfilerThread(thread.path("javaName").asText(""))) {
                    continue;
                }
                long id = thread.path("javaThreadId").asLong();
                long allocated = values.path("allocated").asLong();
                String at = values.path("startTime").asText("");
                end = at.compareTo(end) > 0 ? at : end;
                lastSeen.merge(id, at, (seen, now) -> now.compareTo(seen) > 0 ? now : seen);
                firstAndLast.merge(id, new long[] {allocated, allocated, 1},
                        (seen, now) -> new long[] {Math.min(seen[0], now[0]), Math.max(seen[1], now[1]), seen[2] + 1});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR events", e);
        }
        long bytes = 0;
        for (Map.Entry<Long, long[]> thread : firstAndLast.entrySet()) {
            long[] range = thread.getValue();
            if (range[2] > 1) {
                bytes += range[1] - range[0];
            } else if (lastSeen.get(thread.getKey()).equals(end)) {
                bytes += range[1]; // started during the recording: all it allocated counts
            } // else it ended during the recording after one reading: what it allocated since is unknown
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
