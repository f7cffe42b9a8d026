package app.ret.adapters.files.workspace;

import app.ret.domain.preview.RowStart;
import app.ret.ports.out.TableFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * A session file open for paging. Every stream reads the one channel opened at the start at its
 * own position, so all of them see the same bytes even if the file is replaced meanwhile.
 */
final class DiskTableFile implements TableFile {
    private final FileChannel channel;
    private final RowStarts rowStarts;

    @FunctionalInterface
    interface RowStarts {
        Optional<RowStart> atOrBefore(long row) throws IOException;
    }

    DiskTableFile(FileChannel channel, RowStarts rowStarts) {
        this.channel = channel;
        this.rowStarts = rowStarts;
    }

    @Override
    public InputStream bytesFrom(long position) {
        return new InputStream() {
            private long at = position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                int read = channel.read(ByteBuffer.wrap(bytes, offset, length), at);
                if (read > 0) {
                    at += read;
                }
                return read;
            }
        };
    }

    @Override
    public Optional<RowStart> rowStartAtOrBefore(long row) throws IOException {
        return rowStarts.atOrBefore(row);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
