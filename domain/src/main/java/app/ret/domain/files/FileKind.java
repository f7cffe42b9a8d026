package app.ret.domain.files;

import java.util.Locale;
import java.util.Optional;

/** The two areas of a session workspace: what the user put in, and what conversions produced. */
public enum FileKind {
    INPUT,
    OUTPUT;

    /** The folder name in the workspace and the first segment of every path; also the wire name. */
    public String directoryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FileKind> fromDirectoryName(String name) {
        for (FileKind kind : values()) {
            if (kind.directoryName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
