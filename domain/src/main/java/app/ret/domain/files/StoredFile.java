package app.ret.domain.files;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A file in a session workspace: where it is, how big, its SHA-256 (hex) and when it last changed. */
public record StoredFile(WorkspacePath path, long size, String sha256, Instant modifiedAt) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public StoredFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    public FileKind kind() {
        return path.kind();
    }

    /** The file's folder relative to its kind's folder ({@code ""} at the top). */
    public String group() {
        return path.group();
    }
}
