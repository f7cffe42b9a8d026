package app.ret.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server process allocates while a load runs, from a JFR recording started and stopped
 * around it with {@code jcmd}: the sum of the {@code jdk.ObjectAllocationSample} weights, which JFR
 * scales so that they add up to the bytes allocated (an estimate, good to a few per cent).
 */
final class AllocationProfile {
    private static final Pattern WEIGHT = Pattern.compile("\"weight\"\\s*:\\s*(\\d+)");

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
        Matcher weight = WEIGHT.matcher(json);
        while (weight.find()) {
            bytes += Long.parseLong(weight.group(1));
        }
        return new Measured<>(result, bytes);
    }

    private static String tool(String name, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(ServerProcess.javaExecutable()).resolveSibling(name).toString());
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
