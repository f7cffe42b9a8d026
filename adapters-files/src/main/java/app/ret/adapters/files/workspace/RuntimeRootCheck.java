package app.ret.adapters.files.workspace;

import app.ret.ports.out.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Ready only while the runtime root accepts a new file. */
public final class RuntimeRootCheck implements HealthCheck {
    private final Path root;

    public RuntimeRootCheck(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "runtime_root";
    }

    @Override
    public Optional<String> problem() {
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".ready-", ".probe");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("runtime root is not writable");
        }
    }
}
