package app.ret.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The token signing key: {@code JWT_SECRET_KEY} when set, else 256 random bits kept in
 * {@code <root>/jwt.key} (mode 0600) so tokens survive a restart.
 */
final class JwtKeyFile {
    static final String FILE_NAME = "jwt.key";
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtKeyFile() {}

    static byte[] resolve(Optional<String> configured, Path runtimeRoot, RandomGenerator random) {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = runtimeRoot.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                keepPrivate(file);
            } else {
                create(file, random);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (key.length < KEY_BYTES) {
                throw new ConfigException("JWT_SECRET_KEY", FILE_NAME + " in the runtime root holds fewer than " + KEY_BYTES + " bytes");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + FILE_NAME, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JWT_SECRET_KEY", FILE_NAME + " in the runtime root is not base64");
        }
    }

    /** A key an older version wrote under umask 022 (0644) is other users' to read no longer. */
    private static void keepPrivate(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static void create(Path file, RandomGenerator random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path temporary = Files.createTempFile(file.getParent(), ".jwt-", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
