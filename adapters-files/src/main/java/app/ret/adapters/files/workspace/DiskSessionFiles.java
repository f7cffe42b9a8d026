package app.ret.adapters.files.workspace;

import app.ret.adapters.files.DiskFull;
import app.ret.adapters.files.Durable;
import app.ret.adapters.files.FileTrees;
import app.ret.adapters.files.PrivateDirectories;
import app.ret.adapters.files.Sha256;
import app.ret.adapters.files.archive.ZipIntake;
import app.ret.adapters.files.table.RowIndex;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileKind;
import app.ret.domain.files.FileName;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadKind;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.UploadResult;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.StoreFailureException;
import app.ret.ports.out.TableFile;
import app.ret.ports.out.WorkspaceUsage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Session files on disk, in the layout of {@link DiskWorkspace}. Uploads are spooled to the
 * session's private {@code .incoming} folder (fsynced only when stored as they are: an archive's
 * spool is read once and deleted, and its extracted files are what is made durable), archives are unpacked into a staging tree
 * there, and results are renamed into {@code input/} only when complete and within the quota —
 * holding the session's lock, which a purge holds too. Every path comes from a
 * {@link WorkspacePath} (safe names only) and is checked again after resolving; links are never
 * followed.
 */
public final class DiskSessionFiles implements SessionFiles {
    static final String INCOMING = ".incoming";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final DiskWorkspace workspace;
    private final FileDigests digests = new FileDigests();

    public DiskSessionFiles(DiskWorkspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Removes the spools and staging trees a crash left in every session's {@code .incoming} that
     * nothing has touched since {@code untouchedSince}: everything, for a process alone on the runtime
     * root before it serves; only abandoned ones, for instances sharing it (another instance may be
     * receiving an upload right now). A command-line tool beside a running server must not call it.
     */
    public void removeLeftovers(Instant untouchedSince) throws IOException {
        for (Path session : workspace.sessionDirectories()) {
            Path incoming = session.resolve(INCOMING);
            if (Files.isDirectory(incoming, LinkOption.NOFOLLOW_LINKS)) {
                try (var leftovers = Files.list(incoming)) {
                    for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                        FileTrees.deleteIfAbandoned(leftover, untouchedSince);
                    }
                }
            }
        }
    }

    /** A full disk ends the spool with {@link app.ret.ports.out.InsufficientStorageException}; the part written is removed. */
    @Override
    public SpoolResult spool(SessionId session, InputStream body, long limitBytes) throws IOException {
        try {
            return spoolToDisk(session, body, limitBytes);
        } catch (IOException e) {
            throw DiskFull.recognise(e);
        }
    }

    private SpoolResult spoolToDisk(SessionId session, InputStream body, long limitBytes) throws IOException {
        Optional<Path> incoming = incoming(session);
        if (incoming.isEmpty()) {
            return SpoolResult.noWorkspace();
        }
        Path file = Files.createTempFile(incoming.get(), "upload-", ".part");
        boolean kept = false;
        try {
            MessageDigest digest = Sha256.newDigest();
            byte[] buffer = new byte[BUFFER_BYTES];
            byte[] head = new byte[UploadKind.HEAD_BYTES];
            int headLength = 0;
            long size = 0;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                int read;
                while ((read = body.read(buffer, 0, (int) Math.min(buffer.length, limitBytes + 1 - size))) > 0) {
                    size += read;
                    if (size > limitBytes) {
                        return SpoolResult.tooLarge();
                    }
                    int forHead = Math.min(read, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, forHead);
                    headLength += forHead;
                    digest.update(buffer, 0, read);
                    Durable.writeFully(out, buffer, read);
                }
            }
            kept = true;
            return SpoolResult.spooled(new DiskSpool(session, file, size, Sha256.hex(digest), Arrays.copyOf(head, headLength)));
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public UploadOutcome store(SessionId session, Spool spool, WorkspacePath target, long quotaBytes) throws IOException {
        try {
            return storeOnDisk(session, spool, target, quotaBytes);
        } catch (IOException e) {
            throw DiskFull.recognise(e);
        }
    }

    private UploadOutcome storeOnDisk(SessionId session, Spool spool, WorkspacePath target, long quotaBytes) throws IOException {
        DiskSpool spooled = own(session, spool);
        Path area = area(session, target.kind());
        Path destination = FileTrees.inside(area, target.segments());
        Optional<Path> index;
        try {
            forceFile(spooled.file());
            index = RowIndexes.indexed(target) ? Optional.of(indexBeside(spooled)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return noWorkspace(); // a purge took the spool with the session folder
        }
        try {
            synchronized (workspace.lockFor(session)) {
                Optional<UploadOutcome.Refused> refusal = checkPlacement(session, area, target, false, spooled.size(), quotaBytes);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                createFolders(area, target);
                WorkspaceUsage replaced = DiskWorkspace.usageUnder(destination);
                Path placedIndex = RowIndexes.of(workspace.directoryOf(session), target);
                Files.deleteIfExists(placedIndex); // the replaced file's index goes first: never one over the new bytes
                Files.move(spooled.file(), destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Durable.forceDirectory(destination.getParent());
                if (index.isPresent()) {
                    PrivateDirectories.create(placedIndex.getParent());
                    Files.move(index.get(), placedIndex, StandardCopyOption.ATOMIC_MOVE);
                }
                workspace.account(session, new WorkspaceUsage(1, spooled.size()), replaced);
                digests.remember(destination, spooled.sha256());
                return new UploadOutcome.Stored(new UploadResult(List.of(describe(target, destination)), List.of()));
            }
        } finally {
            if (index.isPresent()) {
                Files.deleteIfExists(index.get());
            }
        }
    }

    /** A spool becomes durable only when it is stored as it is: an archive's spool is unpacked and thrown away. */
    private static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * The spooled table's row index, written beside it before the session lock is taken (a spool
     * never changes): its size, time and identity stay the file's own when it is renamed into place.
     */
    private static Path indexBeside(DiskSpool spooled) throws IOException {
        Path index = Files.createTempFile(spooled.file().getParent(), "rows-", ".part");
        try {
            RowIndex.write(spooled.file(), index);
            return index;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(index);
            throw e;
        }
    }

    /** A full disk ends the unpacking with {@link app.ret.ports.out.InsufficientStorageException}; the staging tree is removed. */
    @Override
    public UploadOutcome unpack(SessionId session, Spool spool, WorkspacePath folder, ArchiveLimits limits, long quotaBytes)
            throws IOException {
        try {
            return unpackOnDisk(session, spool, folder, limits, quotaBytes);
        } catch (IOException e) {
            throw DiskFull.recognise(e);
        }
    }

    private UploadOutcome unpackOnDisk(SessionId session, Spool spool, WorkspacePath folder, ArchiveLimits limits, long quotaBytes)
            throws IOException {
        DiskSpool spooled = own(session, spool);
        Optional<Path> incoming = incoming(session);
        if (incoming.isEmpty()) {
            return noWorkspace();
        }
        Path area = area(session, folder.kind());
        Path destination = FileTrees.inside(area, folder.segments());
        Path work = Files.createTempDirectory(incoming.get(), "unpack-");
        try {
            Path tree = PrivateDirectories.createOne(work.resolve("tree"));
            Path scratch = PrivateDirectories.createOne(work.resolve("nested"));
            long allowance = quotaBytes - usedBytes(session) + DiskWorkspace.usageUnder(destination).bytes();
            ZipIntake.Extraction extraction;
            try {
                extraction = ZipIntake.extract(spooled.file(), folder, limits, tree, scratch, allowance);
            } catch (ZipIntake.Refusal refusal) {
                return refusal.outcome();
            }
            if (extraction.files().isEmpty()) {
                return new UploadOutcome.Stored(new UploadResult(List.of(), extraction.skipped()));
            }
            forceDirectories(tree);
            synchronized (workspace.lockFor(session)) {
                Optional<UploadOutcome.Refused> refusal = checkPlacement(session, area, folder, true, extraction.bytes(), quotaBytes);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                createFolders(area, folder);
                WorkspaceUsage replaced = DiskWorkspace.usageUnder(destination);
                replaceTree(tree, destination, work.resolve("replaced"));
                workspace.account(session, DiskWorkspace.usageUnder(destination), replaced);
                List<StoredFile> stored = new ArrayList<>();
                for (ZipIntake.Extracted file : extraction.files()) {
                    Path placed = FileTrees.inside(destination, file.relative());
                    digests.remember(placed, file.sha256());
                    stored.add(describe(file.path(), placed));
                }
                return new UploadOutcome.Stored(new UploadResult(stored, extraction.skipped()));
            }
        } finally {
            FileTrees.delete(work);
        }
    }

    @Override
    public List<StoredFile> list(SessionId session) {
        List<StoredFile> files = new ArrayList<>();
        try {
            for (FileKind kind : FileKind.values()) {
                for (Located located : locateAll(session, kind)) {
                    String sha256;
                    try {
                        sha256 = digests.sha256(located.file(), located.attributes());
                    } catch (NoSuchFileException e) {
                        continue; // deleted since the walk saw it
                    }
                    files.add(new StoredFile(located.path(), located.attributes().size(), sha256,
                            located.attributes().lastModifiedTime().toInstant()));
                }
            }
        } catch (IOException e) {
            throw new StoreFailureException("cannot list the session files", e);
        }
        files.sort(Comparator.comparing(file -> file.path().value()));
        return files;
    }

    @Override
    public Optional<FileContent> open(SessionId session, WorkspacePath path) throws IOException {
        Optional<OpenedFile> opened = openRegularFile(session, path);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        FileChannel channel = opened.get().channel();
        BasicFileAttributes attributes = opened.get().attributes();
        try {
            String sha256 = digests.sha256(opened.get().file(), attributes, channel);
            StoredFile stored = new StoredFile(path, channel.size(), sha256, attributes.lastModifiedTime().toInstant());
            return Optional.of(new FileContent(stored, Channels.newInputStream(channel)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Optional<InputStream> read(SessionId session, WorkspacePath path) throws IOException {
        Path area = area(session, path.kind());
        Path file = FileTrees.inside(area, path.segments());
        if (regularFileInside(area, file).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<TableFile> openTable(SessionId session, WorkspacePath path) throws IOException {
        Optional<OpenedFile> opened = openRegularFile(session, path);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        FileChannel channel = opened.get().channel();
        BasicFileAttributes attributes = opened.get().attributes();
        Path index = RowIndexes.of(workspace.directoryOf(session), path);
        return Optional.of(new DiskTableFile(channel, row -> RowIndexes.indexed(path)
                ? RowIndex.lookup(index, attributes, channel, row) : Optional.empty()));
    }

    /** A regular file of the session opened for reading, with the attributes read before it was opened. */
    private record OpenedFile(Path file, BasicFileAttributes attributes, FileChannel channel) {}

    private Optional<OpenedFile> openRegularFile(SessionId session, WorkspacePath path) throws IOException {
        Path area = area(session, path.kind());
        Path file = FileTrees.inside(area, path.segments());
        Optional<BasicFileAttributes> attributes = regularFileInside(area, file);
        if (attributes.isEmpty()) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new OpenedFile(file, attributes.get(), channel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(SessionId session, WorkspacePath path) {
        Path area = area(session, path.kind());
        Path file = FileTrees.inside(area, path.segments());
        synchronized (workspace.lockFor(session)) {
            try {
                Optional<BasicFileAttributes> attributes = regularFileInside(area, file);
                if (attributes.isEmpty()) {
                    return false;
                }
                Files.delete(file);
                Files.deleteIfExists(RowIndexes.of(workspace.directoryOf(session), path));
                workspace.account(session, WorkspaceUsage.NONE, new WorkspaceUsage(1, attributes.get().size()));
                digests.forget(file);
                for (Path folder = file.getParent(); !folder.equals(area); folder = folder.getParent()) {
                    Files.delete(folder);
                }
            } catch (NoSuchFileException e) {
                return false;
            } catch (DirectoryNotEmptyException e) {
                // the remaining folders still hold files
            } catch (IOException e) {
                throw new StoreFailureException("cannot delete a session file", e);
            }
        }
        return true;
    }

    /**
     * The attributes of {@code file} when it is a regular file (not a link) that really lies in
     * {@code area} — a link planted among its folders would lead elsewhere; empty otherwise, a
     * path that continues below a file ({@code input/a.xml/b}) included.
     */
    private static Optional<BasicFileAttributes> regularFileInside(Path area, Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || !file.toRealPath().startsWith(area.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(attributes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            if (belowAFile(area, file)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean belowAFile(Path area, Path file) {
        for (Path folder = file.getParent(); folder != null && folder.startsWith(area) && !folder.equals(area); folder = folder.getParent()) {
            if (Files.isRegularFile(folder, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void exportZip(SessionId session, PathPrefix prefix, OutputStream out) throws IOException {
        List<Located> selected = new ArrayList<>();
        for (FileKind kind : FileKind.values()) {
            locateAll(session, kind).stream().filter(located -> prefix.matches(located.path())).forEach(selected::add);
        }
        selected.sort(Comparator.comparing(located -> located.path().value()));
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out))) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (Located located : selected) {
                try (InputStream in = Files.newInputStream(located.file(), LinkOption.NOFOLLOW_LINKS)) {
                    ZipEntry entry = new ZipEntry(located.path().value());
                    entry.setLastModifiedTime(located.attributes().lastModifiedTime());
                    zip.putNextEntry(entry);
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        zip.write(buffer, 0, read);
                    }
                    zip.closeEntry();
                } catch (NoSuchFileException e) {
                    // deleted since it was listed: the archive holds what is still there
                }
            }
        }
    }

    /** The private folder for spools and staging, made on demand but never the session folder itself. */
    private Optional<Path> incoming(SessionId session) throws IOException {
        Path incoming = workspace.directoryOf(session).resolve(INCOMING);
        try {
            PrivateDirectories.createOne(incoming);
        } catch (FileAlreadyExistsException e) {
            // made by an earlier upload
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(incoming);
    }

    private Path area(SessionId session, FileKind kind) {
        return workspace.directoryOf(session).resolve(kind.directoryName());
    }

    private static DiskSpool own(SessionId session, Spool spool) {
        if (!(spool instanceof DiskSpool disk) || !disk.session().equals(session)) {
            throw new IllegalArgumentException("a spool is stored by the files store that made it, for its session");
        }
        return disk;
    }

    /**
     * Called holding the session lock: is there still a workspace, no file where a folder must go
     * (or the other way round), and room for {@code adding} more bytes once what is replaced goes?
     */
    private Optional<UploadOutcome.Refused> checkPlacement(SessionId session, Path area, WorkspacePath target, boolean targetIsFolder,
                                                           long adding, long quotaBytes) throws IOException {
        if (!Files.isDirectory(area, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(noWorkspace());
        }
        List<FileName> names = target.segments();
        Path place = area;
        for (int i = 0; i < names.size(); i++) {
            Optional<String> twin = caseTwin(place, names.get(i));
            if (twin.isPresent()) {
                return Optional.of(new UploadOutcome.Refused(UploadRefusal.DUPLICATE_NAME, "\"" + names.get(i).value()
                        + "\" differs only in case from \"" + twin.get() + "\", already in its folder: a case-insensitive file"
                        + " system would make them one; rename it, or use the same spelling to replace it."));
            }
            place = place.resolve(names.get(i).value());
            boolean mustBeFolder = i < names.size() - 1 || targetIsFolder;
            if (Files.exists(place, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(place, LinkOption.NOFOLLOW_LINKS) != mustBeFolder) {
                return Optional.of(new UploadOutcome.Refused(UploadRefusal.CONFLICT, mustBeFolder
                        ? "A file stands where the folder for " + target.value() + " must go."
                        : "A folder stands where " + target.value() + " must go."));
            }
        }
        long used = usedBytes(session);
        long replaced = DiskWorkspace.usageUnder(place).bytes();
        if (used - replaced + adding > quotaBytes) {
            return Optional.of(new UploadOutcome.Refused(UploadRefusal.QUOTA_EXCEEDED, "Storing " + adding
                    + " bytes would take the session over its quota of " + quotaBytes + " bytes (" + used + " in use)."));
        }
        return Optional.empty();
    }

    /** The name in {@code folder} that differs from {@code name} only in case, if there is one. */
    private static Optional<String> caseTwin(Path folder, FileName name) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String key = name.caseKey();
        try (var entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(existing -> !existing.equals(name.value()) && FileName.isSafe(existing)
                            && new FileName(existing).caseKey().equals(key))
                    .findFirst();
        }
    }

    private static UploadOutcome.Refused noWorkspace() {
        return new UploadOutcome.Refused(UploadRefusal.NO_WORKSPACE, "This session has no workspace.");
    }

    /** Makes the folders above {@code target} one by one below the existing area folder. */
    private static void createFolders(Path area, WorkspacePath target) throws IOException {
        Path folder = area;
        for (FileName name : target.segments().subList(0, target.segments().size() - 1)) {
            folder = folder.resolve(name.value());
            try {
                PrivateDirectories.createOne(folder);
            } catch (FileAlreadyExistsException e) {
                // already there (checked to be a folder)
            }
        }
    }

    /** Renames the staged tree into place; a folder already there is renamed aside first and restored on failure. */
    private static void replaceTree(Path tree, Path destination, Path aside) throws IOException {
        boolean replacing = Files.exists(destination, LinkOption.NOFOLLOW_LINKS);
        if (replacing) {
            Files.move(destination, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tree, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (replacing) {
                Files.move(aside, destination, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        Durable.forceDirectory(destination.getParent());
    }

    private StoredFile describe(WorkspacePath path, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new StoredFile(path, attributes.size(), digests.sha256(file, attributes), attributes.lastModifiedTime().toInstant());
    }

    /** Bytes of the files in the session's input and output areas (spools and staging do not count), from the accounting. */
    private long usedBytes(SessionId session) {
        return workspace.usage(session).bytes();
    }

    private record Located(WorkspacePath path, Path file, BasicFileAttributes attributes) {}

    /** The regular files of one area whose names are all safe (anything else cannot be addressed anyway). */
    private List<Located> locateAll(SessionId session, FileKind kind) throws IOException {
        Path area = area(session, kind);
        List<Located> found = new ArrayList<>();
        walkFiles(area, (file, attributes) -> {
            StringBuilder text = new StringBuilder(kind.directoryName());
            for (Path part : area.relativize(file)) {
                text.append('/').append(part);
            }
            WorkspacePath.parse(text.toString()).ifPresent(path -> found.add(new Located(path, file, attributes)));
        });
        return found;
    }

    private interface FileVisitor {
        void visit(Path file, BasicFileAttributes attributes);
    }

    /** Visits the regular files below {@code start} (or {@code start} itself), never following links; vanished files are passed over. */
    private static void walkFiles(Path start, FileVisitor visitor) throws IOException {
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    visitor.visit(file, attributes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
    }

    private static void forceDirectories(Path tree) throws IOException {
        try (var folders = Files.walk(tree)) {
            for (Path folder : (Iterable<Path>) folders.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))::iterator) {
                Durable.forceDirectory(folder);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The caller owns the stream it passed in: finishing the archive must not close it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
