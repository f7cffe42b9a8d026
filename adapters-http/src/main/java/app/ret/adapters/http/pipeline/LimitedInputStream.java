package app.ret.adapters.http.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes of a body as they arrive (chunked bodies have no Content-Length) and stops at the limit. */
final class LimitedInputStream extends FilterInputStream {
    private static final long MAX_DRAINED_BYTES = 8L * 1024 * 1024;

    private final long limit;
    private long read;
    private boolean cut;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /**
     * A body cut at the limit is read on, up to {@link #MAX_DRAINED_BYTES}, before it is closed:
     * the 413 that follows closes the connection, and closing a socket with bytes unread makes the
     * kernel reset it, which destroys the answer before a client still busy sending has read it.
     * (The server itself skips only 64 KiB of an unread body.)
     */
    @Override
    public void close() throws IOException {
        try {
            if (cut) {
                byte[] buffer = new byte[16 * 1024];
                long left = MAX_DRAINED_BYTES;
                int read;
                while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                    left -= read;
                }
            }
        } finally {
            super.close();
        }
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            cut = true;
            throw new ProblemException(Problem.payloadTooLarge(limit));
        }
    }
}
