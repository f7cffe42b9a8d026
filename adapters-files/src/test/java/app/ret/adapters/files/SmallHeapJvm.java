package app.ret.adapters.files;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test program's {@code main} in a JVM of its own with a 256 MiB heap, so that holding rows in memory fails it. */
public final class SmallHeapJvm {
    public static final String MAX_HEAP = "-Xmx256m";

    private SmallHeapJvm() {}

    /** The program's output lines; fails when it does not exit 0 within ten minutes. */
    public static List<String> run(Class<?> main, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), MAX_HEAP,
                "-cp", System.getProperty("java.class.path"), main.getName(), directory.toString())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(main.getSimpleName() + " did not finish in ten minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(main.getSimpleName() + " failed with " + MAX_HEAP + ":\n" + text);
        }
        return text.lines().toList();
    }

    /** Called inside the program: the most heap used so far over every heap pool, in MiB. */
    public static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
