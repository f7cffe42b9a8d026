package app.ret.domain.files;

import java.util.List;

/**
 * What to do with an archive entry, judged by its name alone: refuse the whole archive (a name
 * that is absolute or could escape the target), ignore it (a folder), leave it out and say why,
 * store it as XML, or unpack it as a nested archive in a folder named after its stem.
 */
public sealed interface ArchiveEntry {
    String XML = "xml";
    String ZIP = "zip";

    /** The name is dangerous: the whole archive is refused. */
    record Unsafe(ArchiveProblem problem) implements ArchiveEntry {}

    /** A folder entry; folders are made as their files need them. */
    record Folder() implements ArchiveEntry {}

    record Skipped(SkipReason reason) implements ArchiveEntry {}

    /** Harmless, but some part of it has no safe form (only spaces, say). */
    record Unnamable() implements ArchiveEntry {}

    /** An XML file, stored at {@code path} below the archive's folder. */
    record Xml(List<FileName> path) implements ArchiveEntry {
        public Xml {
            path = List.copyOf(path);
        }
    }

    /** A ZIP inside the archive, unpacked into the folder {@code folder} below the archive's folder. */
    record NestedArchive(List<FileName> folder) implements ArchiveEntry {
        public NestedArchive {
            folder = List.copyOf(folder);
        }
    }

    /** The verdict on one entry name as it appears in the archive. */
    static ArchiveEntry classify(String rawName) {
        return EntryNames.classify(rawName);
    }
}
