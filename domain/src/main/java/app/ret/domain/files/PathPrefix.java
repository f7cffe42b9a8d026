package app.ret.domain.files;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Selects workspace files by the start of their path ({@code output/}, {@code input/examples/});
 * the empty prefix selects every file. A prefix is only ever compared with paths, never resolved.
 */
public record PathPrefix(String value) {
    public static final PathPrefix EVERYTHING = new PathPrefix("");

    public PathPrefix {
        if (value == null || !isAcceptable(value)) {
            throw new IllegalArgumentException("a prefix starts a workspace path");
        }
    }

    /** Empty when the text could not start any workspace path (another area, '..', a backslash, a NUL). */
    public static Optional<PathPrefix> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String canonical = Normalizer.normalize(raw, Normalizer.Form.NFC);
        return isAcceptable(canonical) ? Optional.of(new PathPrefix(canonical)) : Optional.empty();
    }

    public boolean matches(WorkspacePath path) {
        return path.value().startsWith(value);
    }

    private static boolean isAcceptable(String candidate) {
        if (candidate.length() > WorkspacePath.MAX_LENGTH || candidate.indexOf('\\') >= 0 || candidate.indexOf('\0') >= 0) {
            return false;
        }
        for (String part : candidate.split("/", -1)) {
            if (part.equals("..")) {
                return false;
            }
        }
        for (FileKind kind : FileKind.values()) {
            String area = kind.directoryName() + "/";
            if (candidate.startsWith(area) || area.startsWith(candidate)) {
                return true;
            }
        }
        return false;
    }
}
