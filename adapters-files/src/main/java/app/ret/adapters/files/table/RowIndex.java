package app.ret.adapters.files.table;

import app.ret.domain.preview.RowStart;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A sparse index of where the rows of a CSV file begin: the byte position of every
 * {@value #EVERY}th data row (row 0, the first after the header, included), so a page far into a
 * large table is read from the nearest indexed row instead of from the start. The index file also
 * records the CSV's size, modification time and file identity when it was written; an index that
 * does not match the file in front of it (replaced, changed, restored elsewhere), or that is
 * incomplete, is never believed, and the reader falls back to reading from the start.
 */
public final class RowIndex {
    /** Rows between two indexed positions: a page starts at most this many rows after one. */
    public static final int EVERY = 1000;
    private static final long MAGIC = 0x5245_5452_4f57_5331L; // "RETROWS1"
    private static final int HEADER_BYTES = Long.BYTES + Integer.BYTES + 3 * Long.BYTES + Integer.BYTES;
    private static final int BUFFER_BYTES = 1 << 20;

    private RowIndex() {}

    /** Scans {@code csv} (which must not change afterwards) and writes its index to {@code index}, made durable. */
    public static void write(Path csv, Path index) throws IOException {
        Positions positions = new Positions();
        RowBoundaries boundaries = new RowBoundaries((record, position) -> {
            long row = record - 1;
            if (row >= 0 && row % EVERY == 0) {
                positions.add(position);
            }
        });
        try (FileChannel in = FileChannel.open(csv, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            while (in.read(buffer.clear()) >= 0) {
                boundaries.accept(buffer.array(), buffer.position());
            }
        }
        Stamp stamp = Stamp.of(Files.readAttributes(csv, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + positions.count * Long.BYTES);
        out.putLong(MAGIC).putInt(EVERY).putLong(stamp.size).putLong(stamp.modifiedNanos).putLong(stamp.identity).putInt(positions.count);
        for (int i = 0; i < positions.count; i++) {
            out.putLong(positions.values[i]);
        }
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(true);
        }
    }

    /**
     * The start of the latest indexed row at or before data row {@code row} of the CSV whose
     * attributes are {@code csv} and whose bytes {@code content} holds; empty when {@code index} is
     * missing, incomplete, written for other bytes, or indexes no row.
     */
    public static Optional<RowStart> lookup(Path index, BasicFileAttributes csv, FileChannel content, long row) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(index, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try (channel) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            if (!readFully(channel, header, 0)) {
                return Optional.empty();
            }
            header.flip();
            Stamp expected = Stamp.of(csv);
            if (header.getLong() != MAGIC || header.getInt() != EVERY
                    || !new Stamp(header.getLong(), header.getLong(), header.getLong()).equals(expected)
                    || content.size() != expected.size) {
                return Optional.empty();
            }
            int count = header.getInt();
            if (count <= 0 || channel.size() != HEADER_BYTES + (long) count * Long.BYTES) {
                return Optional.empty();
            }
            int entry = (int) Math.min(row / EVERY, count - 1L);
            ByteBuffer value = ByteBuffer.allocate(Long.BYTES);
            if (!readFully(channel, value, HEADER_BYTES + (long) entry * Long.BYTES)) {
                return Optional.empty();
            }
            long position = value.flip().getLong();
            return startsARecord(content, position) ? Optional.of(new RowStart((long) entry * EVERY, position)) : Optional.empty();
        }
    }

    /** A row begins after a line break: a last check that the position belongs to these bytes. */
    private static boolean startsARecord(FileChannel content, long position) throws IOException {
        if (position <= 0 || position > content.size()) {
            return false;
        }
        ByteBuffer previous = ByteBuffer.allocate(1);
        if (!readFully(content, previous, position - 1)) {
            return false;
        }
        byte b = previous.get(0);
        return b == '\n' || b == '\r';
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }

    /** What identifies the bytes an index was written for. */
    private record Stamp(long size, long modifiedNanos, long identity) {
        static Stamp of(BasicFileAttributes attributes) {
            return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    Objects.hashCode(Objects.toString(attributes.fileKey(), "")));
        }
    }

    private static final class Positions {
        private long[] values = new long[64];
        private int count;

        void add(long position) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = position;
        }
    }
}
