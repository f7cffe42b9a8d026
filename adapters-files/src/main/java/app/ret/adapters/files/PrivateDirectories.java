package app.ret.adapters.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders under the runtime root hold other people's files and the database: they are the
 * owner's only ({@code 0700}) whatever the umask, on file systems that have POSIX permissions.
 */
public final class PrivateDirectories {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirectories() {}

    /** Like {@link Files#createDirectories}; every folder it makes is the owner's only. */
    public static Path create(Path directory) throws IOException {
        return posix(directory) ? Files.createDirectories(directory, ownerOnly()) : Files.createDirectories(directory);
    }

    /** Like {@link Files#createDirectory}: one folder, the owner's only; fails when it exists. */
    public static Path createOne(Path directory) throws IOException {
        return posix(directory) ? Files.createDirectory(directory, ownerOnly()) : Files.createDirectory(directory);
    }

    /** The runtime root: made if missing, and the owner's only even when it was there before. */
    public static Path createRoot(Path root) throws IOException {
        Path created = create(root);
        if (posix(created) && !Files.getPosixFilePermissions(created).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(created, OWNER_ONLY);
        }
        return created;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
