package app.ret.domain.files;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One safe path segment: letters, marks, digits and {@code . _ - ( ) + , @ = ~} and the space,
 * not starting with a dot or a space, not ending with either, at most 255 UTF-8 bytes and not a
 * Windows device name, in Unicode normalisation form C. Such a name can never step out of its
 * folder, hide itself or change meaning on another file system, and one name has one spelling
 * (NFC and NFD spellings of "é" look identical but would be two files).
 */
public record FileName(String value) {
    public static final int MAX_BYTES = 255;
    private static final String PUNCTUATION = "._-()+,@=~ ";
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final int MAX_KEPT_EXTENSION = 16;

    public FileName {
        if (!isSafe(value)) {
            throw new IllegalArgumentException("not a safe file name");
        }
    }

    public static boolean isSafe(String candidate) {
        return candidate != null && !candidate.isEmpty()
                && candidate.codePoints().allMatch(FileName::allowed)
                && !isPadding(candidate.charAt(0))
                && !isPadding(candidate.charAt(candidate.length() - 1))
                && !isDeviceName(candidate)
                && utf8Length(candidate) <= MAX_BYTES
                && Normalizer.isNormalized(candidate, Normalizer.Form.NFC);
    }

    /**
     * The safe form of a name given by a client: normalised to NFC, characters outside the safe set become
     * {@code _}, leading and trailing dots and spaces go, device names get a leading {@code _},
     * and an overlong name is shortened keeping its extension. Empty when no safe form exists:
     * the name is empty or all padding, or it tries to be a path — it holds a separator or a NUL,
     * starts with a drive letter, or is {@code .} or {@code ..}.
     */
    public static Optional<FileName> reduce(String raw) {
        if (raw == null || raw.indexOf('/') >= 0 || raw.indexOf('\\') >= 0 || raw.indexOf('\0') >= 0
                || DRIVE.matcher(raw).matches() || raw.equals(".") || raw.equals("..")) {
            return Optional.empty();
        }
        StringBuilder mapped = new StringBuilder(raw.length());
        Normalizer.normalize(raw, Normalizer.Form.NFC).codePoints().forEach(cp -> mapped.appendCodePoint(allowed(cp) ? cp : '_'));
        String trimmed = trimPadding(mapped.toString());
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (isDeviceName(trimmed)) {
            trimmed = "_" + trimmed;
        }
        // Shortening cuts between code points; what is left is composed again, and kept only if still safe.
        String shortened = Normalizer.normalize(trimPadding(shorten(trimmed)), Normalizer.Form.NFC);
        return isSafe(shortened) ? Optional.of(new FileName(shortened)) : Optional.empty();
    }

    /**
     * The name as a case-insensitive file system (macOS, Windows) sees it: two names with the same
     * key would be one file there, so a folder never holds both.
     */
    public String caseKey() {
        StringBuilder folded = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }

    /** The text after the last dot, lower-cased; empty when there is none. */
    public String extension() {
        int dot = value.lastIndexOf('.');
        return dot <= 0 ? "" : value.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public boolean hasExtension(String lowerCaseExtension) {
        return extension().equals(lowerCaseExtension);
    }

    /** The name without its extension (the whole name when it has none). */
    public String stem() {
        int dot = value.lastIndexOf('.');
        return dot <= 0 ? value : value.substring(0, dot);
    }

    private static boolean allowed(int codePoint) {
        return Character.isLetterOrDigit(codePoint)
                || Character.getType(codePoint) == Character.NON_SPACING_MARK
                || Character.getType(codePoint) == Character.COMBINING_SPACING_MARK
                || (codePoint < 128 && PUNCTUATION.indexOf(codePoint) >= 0);
    }

    private static boolean isPadding(char c) {
        return c == '.' || c == ' ';
    }

    private static String trimPadding(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPadding(text.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
        return DEVICE_NAMES.contains(base);
    }

    private static String shorten(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_KEPT_EXTENSION ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - utf8Length(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int size = utf8Length(cp);
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return kept + extension;
    }

    private static int utf8Length(String text) {
        return text.codePoints().map(FileName::utf8Length).sum();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    @Override
    public String toString() {
        return value;
    }
}
