package app.ret.adapters.files.workspace;

import app.ret.ports.out.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ready only while the runtime root accepts a new file and its file system has at least the
 * configured free space: below it uploads and conversions are about to fail with 507.
 */
public final class RuntimeRootCheck implements HealthCheck {
    private static final long MIB = 1024L * 1024L;

    private final Path root;
    private final long minFreeBytes;

    public RuntimeRootCheck(Path root, long minFreeBytes) {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("the free space threshold cannot be negative");
        }
        this.root = root;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public String name() {
        return "runtime_root";
    }

    @Override
    public Optional<String> problem() {
        long free;
        try {
            Files.createDirectories(root);
            free = Files.getFileStore(root).getUsableSpace();
            if (free < minFreeBytes) {
                return Optional.of("free space " + free / MIB + " MiB is below the " + minFreeBytes / MIB + " MiB required");
            }
            Path probe = Files.createTempFile(root, ".ready-", ".probe");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("runtime root is not writable");
        }
    }
}
