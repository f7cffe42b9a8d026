package app.ret.adapters.files.comparison;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One sorted run on disk: its rows, each a count of values and every value as length-prefixed UTF-8. */
final class RunFile {
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final long rows;

    private RunFile(Path path, long rows) {
        this.path = path;
        this.rows = rows;
    }

    static RunFile write(Path scratch, List<String[]> sorted) throws IOException {
        Path path = Files.createTempFile(scratch, "ret-compare-", ".run");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER))) {
            for (String[] row : sorted) {
                writeRow(out, row);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new RunFile(path, sorted.size());
    }

    /** Drains {@code merged} into a new run. */
    static RunFile write(Path scratch, SortedRows merged) throws IOException {
        Path path = Files.createTempFile(scratch, "ret-compare-", ".run");
        long count = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER))) {
            while (merged.peek().isPresent()) {
                writeRow(out, merged.next());
                count++;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new RunFile(path, count);
    }

    private static void writeRow(DataOutputStream out, String[] row) throws IOException {
        out.writeInt(row.length);
        for (String value : row) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    Reader reader() throws IOException {
        return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER)), rows);
    }

    void delete() {
        SortedRows.deleteQuietly(path);
    }

    /** Reads a run's rows in order. */
    static final class Reader implements AutoCloseable {
        private final DataInputStream in;
        private long left;

        private Reader(DataInputStream in, long rows) {
            this.in = in;
            this.left = rows;
        }

        Optional<String[]> next() throws IOException {
            if (left == 0) {
                return Optional.empty();
            }
            left--;
            String[] row = new String[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                row[i] = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            }
            return Optional.of(row);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close a sort run", e);
            }
        }
    }
}
