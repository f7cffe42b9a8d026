package app.ret.domain.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules behind {@link ArchiveEntry#classify(String)}: danger first, then what to keep. */
final class EntryNames {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final String MACOS_METADATA_FOLDER = "__MACOSX";

    static ArchiveEntry classify(String rawName) {
        Objects.requireNonNull(rawName, "rawName");
        Optional<ArchiveProblem> unsafe = problemWith(rawName);
        if (unsafe.isPresent()) {
            return new ArchiveEntry.Unsafe(unsafe.get());
        }
        if (rawName.endsWith("/")) {
            return new ArchiveEntry.Folder();
        }
        List<String> parts = new ArrayList<>();
        for (String part : rawName.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return new ArchiveEntry.Folder();
        }
        if (parts.get(0).equals(MACOS_METADATA_FOLDER)) {
            return new ArchiveEntry.Skipped(SkipReason.MACOS_METADATA);
        }
        if (parts.stream().anyMatch(part -> part.startsWith("."))) {
            return new ArchiveEntry.Skipped(SkipReason.HIDDEN_FILE);
        }
        String last = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
        boolean xml = last.endsWith("." + ArchiveEntry.XML);
        boolean zip = last.endsWith("." + ArchiveEntry.ZIP);
        if (!xml && !zip) {
            return new ArchiveEntry.Skipped(SkipReason.NOT_XML);
        }
        List<FileName> names = new ArrayList<>(parts.size());
        for (String part : parts) {
            Optional<FileName> reduced = FileName.reduce(part);
            if (reduced.isEmpty()) {
                return new ArchiveEntry.Unnamable();
            }
            names.add(reduced.get());
        }
        if (xml) {
            return new ArchiveEntry.Xml(names);
        }
        Optional<FileName> folder = FileName.reduce(names.get(names.size() - 1).stem());
        if (folder.isEmpty()) {
            return new ArchiveEntry.Unnamable();
        }
        names.set(names.size() - 1, folder.get());
        return new ArchiveEntry.NestedArchive(names);
    }

    private static Optional<ArchiveProblem> problemWith(String rawName) {
        if (rawName.isEmpty()) {
            return Optional.of(ArchiveProblem.EMPTY_NAME);
        }
        if (rawName.indexOf('\0') >= 0) {
            return Optional.of(ArchiveProblem.NUL_CHARACTER);
        }
        if (rawName.indexOf('\\') >= 0) {
            return Optional.of(ArchiveProblem.BACKSLASH);
        }
        if (rawName.startsWith("/")) {
            return Optional.of(ArchiveProblem.ABSOLUTE_NAME);
        }
        if (DRIVE.matcher(rawName).matches()) {
            return Optional.of(ArchiveProblem.DRIVE_LETTER);
        }
        for (String part : rawName.split("/")) {
            if (part.equals("..")) {
                return Optional.of(ArchiveProblem.PARENT_REFERENCE);
            }
        }
        return Optional.empty();
    }

    private EntryNames() {}
}
