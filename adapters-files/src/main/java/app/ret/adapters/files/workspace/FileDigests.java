package app.ret.adapters.files.workspace;

import app.ret.adapters.files.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SHA-256 of workspace files, remembered by path for as long as the file is the same one
 * (same file key, size and modification time). Files are never changed in place here — they are
 * replaced by renames — so the digest computed while a file was written stays right until it is
 * replaced. The memory is bounded; a forgotten digest is computed again from the file.
 */
final class FileDigests {
    private static final int CAPACITY = 100_000;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Map<Path, Known> known = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Known> eldest) {
            return size() > CAPACITY;
        }
    };

    private record Known(Object fileKey, long size, FileTime modified, String sha256) {
        static Known of(BasicFileAttributes attributes, String sha256) {
            return new Known(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), sha256);
        }

        boolean describes(BasicFileAttributes attributes) {
            return Objects.equals(fileKey, attributes.fileKey()) && size == attributes.size()
                    && modified.equals(attributes.lastModifiedTime());
        }
    }

    /** Records the digest of a file just written. */
    void remember(Path file, String sha256) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        synchronized (known) {
            known.put(file, Known.of(attributes, sha256));
        }
    }

    void forget(Path file) {
        synchronized (known) {
            known.remove(file);
        }
    }

    /** The digest of {@code file} as {@code attributes} describe it, computed when not known. */
    String sha256(Path file, BasicFileAttributes attributes) throws IOException {
        String cached = lookup(file, attributes);
        if (cached != null) {
            return cached;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return computeAndRemember(file, attributes, channel);
        }
    }

    /**
     * The digest of the bytes behind an open channel, which {@code attributes} (read by path) may
     * no longer describe if the file was replaced meanwhile: then it is computed but not kept.
     */
    String sha256(Path file, BasicFileAttributes attributes, FileChannel channel) throws IOException {
        if (channel.size() == attributes.size()) {
            String cached = lookup(file, attributes);
            if (cached != null) {
                return cached;
            }
            return computeAndRemember(file, attributes, channel);
        }
        return compute(channel);
    }

    private String lookup(Path file, BasicFileAttributes attributes) {
        synchronized (known) {
            Known entry = known.get(file);
            return entry != null && entry.describes(attributes) ? entry.sha256() : null;
        }
    }

    private String computeAndRemember(Path file, BasicFileAttributes attributes, FileChannel channel) throws IOException {
        String sha256 = compute(channel);
        synchronized (known) {
            known.put(file, Known.of(attributes, sha256));
        }
        return sha256;
    }

    /** Reads the channel by position, so a stream over the same channel is not moved. */
    private static String compute(FileChannel channel) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long position = 0;
        int read;
        while ((read = channel.read(buffer, position)) > 0) {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
            position += read;
        }
        return Sha256.hex(digest);
    }
}
