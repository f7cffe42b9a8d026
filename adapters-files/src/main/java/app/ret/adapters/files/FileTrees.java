package app.ret.adapters.files;

import app.ret.domain.files.FileName;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

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

    /** Regular files and their bytes; links and directories count as neither. */
    public record Size(long files, long bytes) {}

    /** What {@link #delete} would remove, counted by the same walk. */
    public static Size measure(Path root) throws IOException {
        return walk(root, false);
    }

    /** The latest modification time of anything in the tree (links as themselves): when something last worked on it. */
    public static Instant lastTouched(Path root) throws IOException {
        Instant[] newest = {Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS).toInstant()};
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
                if (modified.isAfter(newest[0])) {
                    newest[0] = modified;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return newest[0];
    }

    /**
     * Removes {@code leftover} when nothing in it was touched since {@code untouchedSince}: what a
     * crash left, not what another process sharing the volume is still writing. True when removed.
     */
    public static boolean deleteIfAbandoned(Path leftover, Instant untouchedSince) throws IOException {
        try {
            if (!lastTouched(leftover).isBefore(untouchedSince)) {
                return false;
            }
        } catch (NoSuchFileException finishedMeanwhile) {
            return false;
        }
        delete(leftover);
        return true;
    }

    /** Removes the tree and says what it removed; a link is removed itself, never followed out of the tree. */
    public static Size delete(Path root) throws IOException {
        return walk(root, true);
    }

    private static Size walk(Path root, boolean delete) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new Size(0, 0);
        }
        Tally tally = new Tally(delete);
        // No FOLLOW_LINKS: a link is visited as itself, so the walk never leaves the tree.
        Files.walkFileTree(root, tally);
        return new Size(tally.files, tally.bytes);
    }

    private static final class Tally extends SimpleFileVisitor<Path> {
        private final boolean delete;
        private long files;
        private long bytes;

        Tally(boolean delete) {
            this.delete = delete;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            if (attributes.isRegularFile()) {
                files++;
                bytes += attributes.size();
            }
            if (delete) {
                Files.deleteIfExists(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (delete) {
                Files.deleteIfExists(directory);
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
