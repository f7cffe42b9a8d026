package app.ret.adapters.files.archive;

import app.ret.adapters.files.Durable;
import app.ret.adapters.files.FileTrees;
import app.ret.adapters.files.PrivateDirectories;
import app.ret.adapters.files.Sha256;
import app.ret.domain.files.ArchiveBudget;
import app.ret.domain.files.ArchiveEntry;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.ArchiveProblem;
import app.ret.domain.files.FileName;
import app.ret.domain.files.SkipReason;
import app.ret.domain.files.SkippedEntry;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks one uploaded ZIP into a private staging tree, checking everything on the way: every
 * entry name of an archive before any of its bytes, the entry count as each archive (nested ones
 * too) is opened, and every inflated byte against the entry's ratio, the archive total and the
 * session quota as it comes out of the inflater. The first failed check ends the extraction; the
 * caller then throws the staging tree away, so a refused archive leaves nothing behind. Extracted
 * files are synced on {@link FileSyncs} threads while the next entries inflate; the extraction
 * returns only once all of them are on disk.
 */
public final class ZipIntake {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Names without the UTF-8 flag that are not valid UTF-8 come from old DOS/Windows tools. */
    private static final Charset LEGACY_NAMES = Charset.isSupported("IBM437") ? Charset.forName("IBM437") : StandardCharsets.ISO_8859_1;

    /** A file extracted to the staging tree, at {@code relative} below it. */
    public record Extracted(WorkspacePath path, List<FileName> relative, long size, String sha256) {}

    public record Extraction(List<Extracted> files, List<SkippedEntry> skipped, long bytes) {}

    /** Ends the extraction: the upload is refused as a whole. */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient UploadOutcome.Refused outcome;

        Refusal(UploadRefusal refusal, String detail) {
            super(detail, null, false, false);
            this.outcome = new UploadOutcome.Refused(refusal, detail);
        }

        public UploadOutcome.Refused outcome() {
            return outcome;
        }
    }

    private final ArchiveBudget budget;
    private final FileSyncs syncs;
    private final WorkspacePath folder;
    private final Path tree;
    private final Path scratch;
    private final long allowance;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final List<Extracted> files = new ArrayList<>();
    private final List<SkippedEntry> skipped = new ArrayList<>();
    /** Paths claimed so far, by their {@link FileName#caseKey() case keys}: names differing only in case are one. */
    private final Set<List<String>> takenFiles = new HashSet<>();
    /** The folders claimed so far (by case key) and the spelling that claimed each. */
    private final Map<List<String>, List<FileName>> takenFolders = new HashMap<>();
    private long extractedBytes;
    private int nestedSpools;

    private ZipIntake(ArchiveLimits limits, WorkspacePath folder, Path tree, Path scratch, long allowance, FileSyncs syncs) {
        this.syncs = syncs;
        this.budget = new ArchiveBudget(limits);
        this.folder = folder;
        this.tree = tree;
        this.scratch = scratch;
        this.allowance = allowance;
    }

    /**
     * Extracts {@code archive}, destined for the workspace folder {@code folder}, into the empty
     * directory {@code tree}; nested archives are spooled to {@code scratch}. At most
     * {@code allowance} bytes of files may come out.
     */
    public static Extraction extract(Path archive, WorkspacePath folder, ArchiveLimits limits, Path tree, Path scratch, long allowance)
            throws IOException, Refusal {
        try (FileSyncs syncs = new FileSyncs()) {
            ZipIntake intake = new ZipIntake(limits, folder, tree, scratch, allowance, syncs);
            intake.unpack(archive, List.of(), "", 1);
            syncs.awaitAll();
            return new Extraction(intake.files, intake.skipped, intake.extractedBytes);
        }
    }

    private void unpack(Path archive, List<FileName> below, String displayPrefix, int depth) throws IOException, Refusal {
        try (ZipFile zip = open(archive)) {
            check(budget.entries(zip.size()));
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            List<ArchiveEntry> verdicts = new ArrayList<>(entries.size());
            for (ZipEntry entry : entries) {
                verdicts.add(ArchiveEntry.classify(entry.getName()));
            }
            for (ArchiveEntry verdict : verdicts) {
                if (verdict instanceof ArchiveEntry.Unsafe unsafe) {
                    throw unsafe(unsafe.problem());
                }
            }
            if (verdicts.stream().anyMatch(ArchiveEntry.Unnamable.class::isInstance)) {
                throw unnamable();
            }
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry entry = entries.get(i);
                ArchiveEntry verdict = verdicts.get(i);
                if (verdict instanceof ArchiveEntry.Skipped skip) {
                    skipped.add(new SkippedEntry(displayPrefix + entry.getName(), skip.reason()));
                } else if (verdict instanceof ArchiveEntry.Xml xml) {
                    extractFile(zip, entry, concat(below, xml.path()), displayPrefix);
                } else if (verdict instanceof ArchiveEntry.NestedArchive nested) {
                    check(budget.nest(depth + 1));
                    Path spooled = scratch.resolve("nested-" + (++nestedSpools) + ".zip");
                    try {
                        copyEntry(zip, entry, spooled, false);
                        unpack(spooled, concat(below, nested.folder()), displayPrefix + entry.getName() + "/", depth + 1);
                    } finally {
                        Files.deleteIfExists(spooled);
                    }
                }
            }
        }
    }

    private void extractFile(ZipFile zip, ZipEntry entry, List<FileName> relative, String displayPrefix) throws IOException, Refusal {
        Optional<WorkspacePath> path = folder.tryResolve(relative);
        if (path.isEmpty()) {
            throw new Refusal(UploadRefusal.UNUSABLE_NAME, "An entry's path is too deep or too long for the workspace.");
        }
        if (!claim(relative)) {
            skipped.add(new SkippedEntry(displayPrefix + entry.getName(), SkipReason.DUPLICATE_NAME));
            return;
        }
        Path target = FileTrees.inside(tree, relative);
        PrivateDirectories.create(target.getParent());
        Copied copied = copyEntry(zip, entry, target, true);
        files.add(new Extracted(path.get(), List.copyOf(relative), copied.size(), copied.sha256()));
    }

    private record Copied(long size, String sha256) {}

    /**
     * Inflates one entry into a new file, counting every byte against the budget (and, for a file
     * that is kept, the quota) and checking the CRC the archive recorded for it.
     */
    private Copied copyEntry(ZipFile zip, ZipEntry entry, Path target, boolean kept) throws IOException, Refusal {
        ArchiveBudget.Entry meter = budget.entry(entry.getCompressedSize());
        MessageDigest digest = Sha256.newDigest();
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = openEntry(zip, entry);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int read;
            while ((read = inflate(in)) > 0) {
                check(meter.inflated(read));
                size += read;
                if (kept) {
                    extractedBytes += read;
                    if (extractedBytes > allowance) {
                        throw new Refusal(UploadRefusal.QUOTA_EXCEEDED, "The archive's files would take the session over its quota.");
                    }
                    digest.update(buffer, 0, read);
                }
                crc.update(buffer, 0, read);
                Durable.writeFully(out, buffer, read);
            }
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw unsafe(ArchiveProblem.CORRUPT);
            }
        }
        if (kept) {
            syncs.sync(target);
        }
        return new Copied(size, Sha256.hex(digest));
    }

    /** Reads from the inflater; its failures (bad data, early end) mean a corrupt archive. */
    private int inflate(InputStream in) throws Refusal {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw unsafe(ArchiveProblem.CORRUPT);
        }
    }

    private static InputStream openEntry(ZipFile zip, ZipEntry entry) throws Refusal {
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw unsafe(ArchiveProblem.CORRUPT);
        }
    }

    /**
     * Opens the archive's central directory. An end record that points past the end of the file
     * makes the JDK's reader run off it ({@code EOFException}, not a {@code ZipException}): corrupt too.
     */
    private static ZipFile open(Path archive) throws IOException, Refusal {
        try {
            return new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException notUtf8) {
            try {
                return new ZipFile(archive.toFile(), LEGACY_NAMES);
            } catch (ZipException | EOFException e) {
                throw unsafe(ArchiveProblem.CORRUPT);
            }
        } catch (EOFException e) {
            throw unsafe(ArchiveProblem.CORRUPT);
        }
    }

    /**
     * Claims a file path, unless it is taken, clashes with a folder (or a file where a folder must
     * go), or spells a name differently only in case from one claimed before — a case-insensitive
     * file system would merge them.
     */
    private boolean claim(List<FileName> relative) {
        List<String> key = relative.stream().map(FileName::caseKey).toList();
        if (takenFiles.contains(key) || takenFolders.containsKey(key)) {
            return false;
        }
        for (int i = 1; i < relative.size(); i++) {
            List<FileName> spelled = takenFolders.get(key.subList(0, i));
            if (takenFiles.contains(key.subList(0, i)) || (spelled != null && !spelled.equals(relative.subList(0, i)))) {
                return false;
            }
        }
        takenFiles.add(key);
        for (int i = 1; i < relative.size(); i++) {
            takenFolders.putIfAbsent(List.copyOf(key.subList(0, i)), List.copyOf(relative.subList(0, i)));
        }
        return true;
    }

    private static List<FileName> concat(List<FileName> first, List<FileName> second) {
        List<FileName> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void check(Optional<ArchiveProblem> problem) throws Refusal {
        if (problem.isPresent()) {
            throw unsafe(problem.get());
        }
    }

    private static Refusal unsafe(ArchiveProblem problem) {
        return new Refusal(UploadRefusal.UNSAFE_ARCHIVE, "Unsafe archive: " + problem.message() + ".");
    }

    private static Refusal unnamable() {
        return new Refusal(UploadRefusal.UNUSABLE_NAME, "An entry name has no safe form.");
    }
}
