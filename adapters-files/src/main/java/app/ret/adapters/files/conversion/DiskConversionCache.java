package app.ret.adapters.files.conversion;

import app.ret.adapters.files.Durable;
import app.ret.adapters.files.FileTrees;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.ConversionCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Conversion results at {@code <root>/conversion-cache/<key>/}: the CSV ({@code result.csv}) and
 * what it holds ({@code summary}). An entry is written in {@code .staging/} and renamed into place
 * whole, so a reader finds all of it or nothing; a crash leaves only staging, which the next server
 * start clears. Deleting the whole directory at any time is safe: it is only a cache.
 */
public final class DiskConversionCache implements ConversionCache {
    private static final System.Logger LOG = System.getLogger(DiskConversionCache.class.getName());
    static final String CSV = "result.csv";
    static final String SUMMARY = "summary";

    private final Path directory;
    private final Path staging;

    public DiskConversionCache(Path runtimeRoot) {
        this.directory = runtimeRoot.toAbsolutePath().normalize().resolve("conversion-cache");
        this.staging = directory.resolve(".staging");
    }

    /**
     * Removes what a crash left in staging and nothing has touched since {@code untouchedSince}. A
     * process alone on the runtime root passes its start (everything there is a leftover); instances
     * sharing it pass an age no live conversion stays silent for, so they never pull another
     * instance's work from under it. A command-line tool beside a running server must not call it.
     */
    public void removeLeftovers(Instant untouchedSince) throws IOException {
        if (Files.isDirectory(staging)) {
            try (var leftovers = Files.list(staging)) {
                for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                    FileTrees.deleteIfAbandoned(leftover, untouchedSince);
                }
            }
        }
    }

    /** Where work in progress lives (entries being written; the converter's spill files too). */
    public Path workDirectory() throws IOException {
        return Files.createDirectories(staging);
    }

    @Override
    public Optional<CachedCsv> open(ConversionKey key) throws IOException {
        Path entry = directory.resolve(key.value());
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
        InputStream stream = Channels.newInputStream(csv);
        return Optional.of(new CachedCsv(summary.get(), stream));
    }

    @Override
    public ConversionResult produce(ConversionKey key, CsvProducer producer) throws IOException {
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
                keep(work, directory.resolve(key.value()));
            }
            return result;
        } finally {
            FileTrees.delete(work);
        }
    }

    /**
     * Renames the finished entry into place (one at a time in this process); a whole entry already
     * there wins, a damaged one is replaced. Other processes sharing the root (instances on one
     * volume) may rename the same key's entry in between: a rename onto a directory that is not
     * empty fails (the JDK reports it as a plain {@link FileSystemException}), and theirs — the same
     * bytes, whole because renamed whole — stays.
     */
    private synchronized void keep(Path work, Path entry) throws IOException {
        if (Files.exists(entry)) {
            if (isWhole(entry)) {
                return;
            }
            Path damaged = Files.createTempDirectory(workDirectory(), "damaged-");
            Files.move(entry, damaged.resolve("entry"), StandardCopyOption.ATOMIC_MOVE);
            FileTrees.delete(damaged);
        }
        try {
            Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException renameRefused) {
            if (isWhole(entry)) {
                return;
            }
            throw renameRefused;
        }
        Durable.forceDirectory(directory);
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
