package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tmpfs of a few MiB mounted for one test (root may mount one), filled and freed on demand, unmounted at the end. */
final class SmallTmpfs implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Path mountPoint;
    private final List<Path> fillers = new ArrayList<>();

    private SmallTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallTmpfs mount(int megabytes) throws IOException {
        Path mountPoint = Files.createTempDirectory("ret-tmpfs-");
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs", mountPoint.toString());
        if (output != null) {
            Files.delete(mountPoint);
            fail("cannot mount a " + megabytes + " MiB tmpfs at " + mountPoint + " (the disk-full tests run as root,"
                    + " which may mount one: mount -t tmpfs -o size=" + megabytes + "m tmpfs DIR): " + output);
        }
        return new SmallTmpfs(mountPoint);
    }

    Path root() {
        return mountPoint;
    }

    /** Writes filler files until the file system has no byte left. */
    void fill() throws IOException {
        byte[] chunk = new byte[CHUNK];
        while (true) {
            Path filler = mountPoint.resolve("filler-" + fillers.size());
            fillers.add(filler);
            try (OutputStream out = Files.newOutputStream(filler)) {
                out.write(chunk);
            } catch (IOException full) {
                if (Files.getFileStore(mountPoint).getUsableSpace() < CHUNK) {
                    return;
                }
                throw full;
            }
        }
    }

    /** Deletes filler files until at least {@code bytes} are free again. */
    void free(long bytes) throws IOException {
        while (Files.getFileStore(mountPoint).getUsableSpace() < bytes && !fillers.isEmpty()) {
            Files.deleteIfExists(fillers.remove(fillers.size() - 1));
        }
    }

    void freeAll() throws IOException {
        free(Long.MAX_VALUE);
    }

    @Override
    public void close() throws IOException {
        String output = run("umount", mountPoint.toString());
        if (output != null) {
            throw new IOException("cannot unmount " + mountPoint + ": " + output);
        }
        Files.delete(mountPoint);
    }

    /** Null when the command succeeded, else what it printed. */
    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return String.join(" ", command) + " was interrupted";
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.exitValue() == 0 ? null : output + " (exit " + process.exitValue() + ")";
    }
}
