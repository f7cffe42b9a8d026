package app.ret.adapters.files;

import app.ret.domain.files.FileName;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Directory trees: resolving safe names below a root, and removing a tree (links removed, never followed). */
public final class FileTrees {
    private FileTrees() {}

    /** Safe names cannot climb out; resolving is checked anyway, so a mistake here fails loudly. */
    public static Path inside(Path root, List<FileName> relative) {
        Path resolved = root;
        for (FileName name : relative) {
            resolved = resolved.resolve(name.value());
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalStateException("a workspace path resolved outside its folder");
        }
        return resolved;
    }

    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
