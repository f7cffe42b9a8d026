package app.ret.adapters.files.conversion;

import app.ret.adapters.files.DiskFull;
import app.ret.adapters.files.Durable;
import app.ret.adapters.files.FileTrees;
import app.ret.adapters.files.PrivateDirectories;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.StoreFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Conversion results under {@code <root>/conversion-cache/}:
 * <ul>
 *   <li>{@code entries/<key>/} holds one entry: the CSV ({@code result.csv}) and what it holds
 *       ({@code summary}), whose modification time is the entry's last use;</li>
 *   <li>{@code refs/<session id>/<key>} (empty files) says which sessions refer to which entries.</li>
 * </ul>
 * An entry is written in {@code .staging/} and renamed into place whole, after its first reference
 * exists, so a reader finds all of it or nothing, and no entry is ever without a reference except
 * for the moment a purge removes it. Purging a session deletes the entries it alone referred to,
 * then its references; a crash in between leaves entries without references or references of a
 * gone session, both of which {@link #purgeOrphans} removes (at start-up and every sweep). Past
 * {@code maxBytes} of CSV the least recently used entries are evicted (never the one just kept).
 * Reference changes, placements and removals are serialised by one lock; the conversion itself runs
 * outside it.
 */
public final class DiskConversionCache implements ConversionCache {
    /** The bound when none is given (embedding, tests): 1 GiB of CSV. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    private static final System.Logger LOG = System.getLogger(DiskConversionCache.class.getName());
    static final String CSV = "result.csv";
    static final String SUMMARY = "summary";

    private final Path directory;
    private final Path staging;
    private final Path entries;
    private final Path refs;
    private final long maxBytes;
    private final Clock clock;
    private final Object lock = new Object();
    /** CSV bytes of all entries, counted on first need; guarded by {@link #lock}. */
    private long totalBytes = -1;

    public DiskConversionCache(Path runtimeRoot) {
        this(runtimeRoot, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    /** {@code clock} stamps each entry's last use, which decides what is evicted first. */
    public DiskConversionCache(Path runtimeRoot, long maxBytes, Clock clock) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the conversion cache needs a positive bound");
        }
        this.directory = runtimeRoot.toAbsolutePath().normalize().resolve("conversion-cache");
        this.staging = directory.resolve(".staging");
        this.entries = directory.resolve("entries");
        this.refs = directory.resolve("refs");
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * Removes what a crash left in staging and nothing has touched since {@code untouchedSince}. A
     * process alone on the runtime root passes its start (everything there is a leftover); instances
     * sharing it pass an age no live conversion stays silent for, so they never pull another
     * instance's work from under it. A command-line tool beside a running server must not call it.
     */
    public void removeLeftovers(Instant untouchedSince) throws IOException {
        for (Path leftover : list(staging)) {
            FileTrees.deleteIfAbandoned(leftover, untouchedSince);
        }
    }

    /** Where work in progress lives (entries being written; the converter's spill files too). */
    public Path workDirectory() throws IOException {
        return PrivateDirectories.create(staging);
    }

    @Override
    public String resourceName() {
        return "conversion cache";
    }

    @Override
    public Optional<CachedCsv> open(SessionId session, ConversionKey key) throws IOException {
        Path entry = entries.resolve(key.value());
        synchronized (lock) {
            Optional<ConversionSummary> summary = readSummary(entry.resolve(SUMMARY));
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            FileChannel csv;
            try {
                csv = FileChannel.open(entry.resolve(CSV), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (csv.size() != summary.get().bytesWritten()) {
                csv.close();
                LOG.log(System.Logger.Level.WARNING, "conversion cache entry {0} is damaged; converting again", key);
                return Optional.empty();
            }
            refer(session, key);
            markUsed(entry);
            InputStream stream = Channels.newInputStream(csv);
            return Optional.of(new CachedCsv(summary.get(), stream));
        }
    }

    /** A full disk ends the production with {@link app.ret.ports.out.InsufficientStorageException}; nothing of the entry is kept. */
    @Override
    public ConversionResult produce(SessionId session, ConversionKey key, CsvProducer producer) throws IOException {
        try {
            return produceOnDisk(session, key, producer);
        } catch (IOException e) {
            throw DiskFull.recognise(e);
        }
    }

    private ConversionResult produceOnDisk(SessionId session, ConversionKey key, CsvProducer producer) throws IOException {
        Path work = Files.createTempDirectory(workDirectory(), "entry-");
        try {
            ConversionResult result;
            try (FileChannel channel = FileChannel.open(work.resolve(CSV), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream csv = Channels.newOutputStream(channel);
                result = producer.writeTo(csv);
                csv.flush();
                channel.force(true);
            }
            if (result instanceof ConversionSummary summary) {
                writeSummary(work.resolve(SUMMARY), summary);
                Durable.forceDirectory(work);
                keep(session, key, work, summary.bytesWritten());
            }
            return result;
        } finally {
            FileTrees.delete(work);
        }
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        try {
            synchronized (lock) {
                return releaseReferences(refs.resolve(sessionId.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the conversion results of session " + sessionId, e);
        }
    }

    @Override
    public CleanupReport purgeOrphans(Predicate<SessionId> isLive) {
        try {
            synchronized (lock) {
                CleanupReport removed = CleanupReport.empty();
                for (Path sessionRefs : list(refs)) {
                    String name = sessionRefs.getFileName().toString();
                    if (!SessionId.isValid(name) || !isLive.test(new SessionId(name))) {
                        removed = removed.plus(releaseReferences(sessionRefs));
                    }
                }
                for (Path entry : list(entries)) {
                    if (!isReferenced(entry.getFileName().toString())) {
                        removed = removed.plus(removeEntry(entry));
                    }
                }
                return removed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the conversion results of ended sessions", e);
        }
    }

    /**
     * Renames the finished entry into place, referred to by {@code session}; a whole entry already
     * there wins, a damaged one is replaced. Other processes sharing the root (instances on one
     * volume) may rename the same key's entry in between: a rename onto a directory that is not
     * empty fails (the JDK reports it as a plain {@link FileSystemException}), and theirs stays.
     */
    @Override
    public long bytesReferencedBy(Collection<SessionId> sessions) {
        synchronized (lock) {
            try {
                Set<String> keys = new HashSet<>();
                for (SessionId session : sessions) {
                    for (Path reference : list(refs.resolve(session.value()))) {
                        keys.add(reference.getFileName().toString());
                    }
                }
                long bytes = 0;
                for (String key : keys) {
                    bytes += sizeOrNothing(entries.resolve(key).resolve(CSV));
                }
                return bytes;
            } catch (IOException e) {
                throw new StoreFailureException("cannot measure the conversion results of sessions", e);
            }
        }
    }

    private void keep(SessionId session, ConversionKey key, Path work, long bytes) throws IOException {
        Path entry = entries.resolve(key.value());
        synchronized (lock) {
            refer(session, key);
            if (Files.exists(entry)) {
                if (isWhole(entry)) {
                    return;
                }
                totalBytes = -1;
                Path damaged = Files.createTempDirectory(workDirectory(), "damaged-");
                Files.move(entry, damaged.resolve("entry"), StandardCopyOption.ATOMIC_MOVE);
                FileTrees.delete(damaged);
            }
            long before = totalBytes();
            PrivateDirectories.create(entries);
            try {
                Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException renameRefused) {
                // another instance sharing the root renamed the same key's entry first: same bytes, whole
                if (isWhole(entry)) {
                    return;
                }
                throw renameRefused;
            }
            Durable.forceDirectory(entries);
            markUsed(entry);
            totalBytes = before + bytes;
            evictBeyondBound(entry);
        }
    }

    private void markUsed(Path entry) throws IOException {
        Files.setLastModifiedTime(entry.resolve(SUMMARY), FileTime.from(clock.instant()));
    }

    private void refer(SessionId session, ConversionKey key) throws IOException {
        Path sessionRefs = PrivateDirectories.create(refs.resolve(session.value()));
        Path reference = sessionRefs.resolve(key.value());
        if (!Files.exists(reference)) {
            try {
                Files.createFile(reference);
            } catch (FileAlreadyExistsException referredMeanwhile) {
                // another instance sharing the root made the same reference
                return;
            }
            Durable.forceDirectory(sessionRefs);
        }
    }

    /** Entries only this session referred to go first, then its references: a crash in between leaves nothing a sweep misses. */
    private CleanupReport releaseReferences(Path sessionRefs) throws IOException {
        CleanupReport removed = CleanupReport.empty();
        String session = sessionRefs.getFileName().toString();
        for (Path reference : list(sessionRefs)) {
            String key = reference.getFileName().toString();
            if (!isReferencedByAnotherThan(session, key)) {
                removed = removed.plus(removeEntry(entries.resolve(key)));
            }
        }
        FileTrees.delete(sessionRefs);
        return removed;
    }

    private boolean isReferenced(String key) throws IOException {
        return isReferencedByAnotherThan("", key);
    }

    private boolean isReferencedByAnotherThan(String session, String key) throws IOException {
        for (Path other : list(refs)) {
            if (!other.getFileName().toString().equals(session) && Files.exists(other.resolve(key))) {
                return true;
            }
        }
        return false;
    }

    private CleanupReport removeEntry(Path entry) throws IOException {
        if (!Files.isDirectory(entry)) {
            return CleanupReport.empty();
        }
        long bytes = 0;
        for (Path file : list(entry)) {
            bytes += Files.size(file);
        }
        Path doomed = Files.createTempDirectory(workDirectory(), "removed-");
        Files.move(entry, doomed.resolve("entry"), StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(doomed);
        totalBytes = -1;
        return CleanupReport.of(RemovedResource.CONVERSION_CACHE_ENTRIES, 1).with(RemovedResource.CONVERSION_CACHE_BYTES, bytes);
    }

    /** Least recently used first, until the bound holds or only {@code kept} is left of the candidates. */
    private void evictBeyondBound(Path kept) throws IOException {
        if (totalBytes <= maxBytes) {
            return;
        }
        List<Path> candidates = new ArrayList<>(list(entries));
        candidates.remove(kept);
        candidates.sort(Comparator.comparing(DiskConversionCache::lastUse));
        for (Path victim : candidates) {
            if (totalBytes() <= maxBytes) {
                return;
            }
            removeEntry(victim);
            LOG.log(System.Logger.Level.DEBUG, "conversion cache entry {0} evicted (cache above {1} bytes)", victim.getFileName(), maxBytes);
        }
    }

    private long totalBytes() throws IOException {
        if (totalBytes < 0) {
            long sum = 0;
            for (Path entry : list(entries)) {
                Path csv = entry.resolve(CSV);
                sum += Files.exists(csv) ? Files.size(csv) : 0;
            }
            totalBytes = sum;
        }
        return totalBytes;
    }

    /** A reference whose entry another instance on the runtime root just removed costs nothing. */
    private static long sizeOrNothing(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static FileTime lastUse(Path entry) {
        try {
            return Files.getLastModifiedTime(entry.resolve(SUMMARY));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var children = Files.list(folder)) {
            return children.toList();
        }
    }

    private static boolean isWhole(Path entry) throws IOException {
        Optional<ConversionSummary> summary = readSummary(entry.resolve(SUMMARY));
        try {
            return summary.isPresent() && Files.size(entry.resolve(CSV)) == summary.get().bytesWritten();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void writeSummary(Path file, ConversionSummary summary) throws IOException {
        String text = "rows=" + summary.rows() + "\ncolumns=" + summary.columns() + "\nbytes=" + summary.bytesWritten() + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            Durable.writeFully(channel, bytes, bytes.length);
            channel.force(true);
        }
    }

    /** Empty when the entry is absent or its summary unreadable (then it is a miss, and a new result replaces nothing). */
    private static Optional<ConversionSummary> readSummary(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        long rows = -1;
        long columns = -1;
        long bytes = -1;
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            long value = parse(line.substring(equals + 1));
            switch (line.substring(0, equals)) {
                case "rows" -> rows = value;
                case "columns" -> columns = value;
                case "bytes" -> bytes = value;
                default -> { }
            }
        }
        if (rows < 1 || columns < 0 || columns > Integer.MAX_VALUE || bytes < 0) {
            return Optional.empty();
        }
        return Optional.of(new ConversionSummary(rows, (int) columns, bytes));
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
