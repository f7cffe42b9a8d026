package app.ret.domain.files;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A file or folder inside a session workspace, such as {@code input/examples/a.xml}: a kind
 * followed by one or more safe names. By construction it can only name something inside its
 * kind's folder, whatever the file system does with the text.
 */
public record WorkspacePath(FileKind kind, List<FileName> segments) {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_LENGTH = 1024;

    public WorkspacePath {
        Objects.requireNonNull(kind, "kind");
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.size() > MAX_DEPTH) {
            throw new IllegalArgumentException("a workspace path has 1-" + MAX_DEPTH + " names after its kind");
        }
        if (render(kind, segments).length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a workspace path has at most " + MAX_LENGTH + " characters");
        }
    }

    public static WorkspacePath of(FileKind kind, FileName... names) {
        return new WorkspacePath(kind, List.of(names));
    }

    /**
     * The path a client wrote, accepted only in its exact canonical form ({@code input/a/b.xml}):
     * anything else — a leading or doubled slash, {@code .} or {@code ..}, a backslash, a NUL, a
     * drive letter, a name that is not already safe, another first folder — is no path at all. An
     * NFD spelling names the same file as its NFC one, the form names are stored in.
     */
    public static Optional<WorkspacePath> parse(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = Normalizer.normalize(raw, Normalizer.Form.NFC).split("/", -1);
        Optional<FileKind> kind = FileKind.fromDirectoryName(parts[0]);
        if (kind.isEmpty() || parts.length < 2 || parts.length - 1 > MAX_DEPTH) {
            return Optional.empty();
        }
        List<FileName> names = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            if (!FileName.isSafe(parts[i])) {
                return Optional.empty();
            }
            names.add(new FileName(parts[i]));
        }
        return Optional.of(new WorkspacePath(kind.get(), names));
    }

    public FileName fileName() {
        return segments.get(segments.size() - 1);
    }

    /** The folder of this file relative to its kind's folder: {@code ""} for a top-level file. */
    public String group() {
        return joined(segments.subList(0, segments.size() - 1));
    }

    public WorkspacePath resolve(List<FileName> more) {
        return tryResolve(more).orElseThrow(() -> new IllegalArgumentException("the path would be too deep or too long"));
    }

    /** This folder's path with {@code more} names appended; empty when that is too deep or too long. */
    public Optional<WorkspacePath> tryResolve(List<FileName> more) {
        List<FileName> all = new ArrayList<>(segments);
        all.addAll(more);
        if (all.size() > MAX_DEPTH || render(kind, all).length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new WorkspacePath(kind, all));
    }

    /** The same folders in {@code otherKind}'s area, with another file name ({@code input/a/b.xml} → {@code output/a/b.csv}). */
    public WorkspacePath mirrored(FileKind otherKind, FileName name) {
        List<FileName> all = new ArrayList<>(segments.subList(0, segments.size() - 1));
        all.add(name);
        return new WorkspacePath(otherKind, all);
    }

    public String value() {
        return render(kind, segments);
    }

    private static String render(FileKind kind, List<FileName> names) {
        return kind.directoryName() + "/" + joined(names);
    }

    private static String joined(List<FileName> names) {
        StringBuilder text = new StringBuilder();
        for (FileName name : names) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(name.value());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return value();
    }
}
