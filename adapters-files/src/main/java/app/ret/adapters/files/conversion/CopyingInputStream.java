package app.ret.adapters.files.conversion;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Copies what is read to {@code copy} until {@link #stopCopying()}: {@code record: "auto"} may need
 * to read a document twice, and learns early (at the second same-named root child) when it will not.
 */
final class CopyingInputStream extends FilterInputStream {
    private OutputStream copy;

    CopyingInputStream(InputStream source, OutputStream copy) {
        super(source);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next >= 0 && copy != null) {
            copy.write(next);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0 && copy != null) {
            copy.write(buffer, offset, read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] skipped = new byte[(int) Math.min(n, 8192)];
        int read = read(skipped, 0, skipped.length);
        return Math.max(read, 0);
    }

    /** The copy will not be needed: nothing more is written to it. */
    void stopCopying() {
        if (copy != null) {
            try {
                copy.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copy = null;
        }
    }

    /** Closes the copy; true when it holds every byte read, false when copying was stopped. */
    boolean finishCopy() throws IOException {
        if (copy == null) {
            return false;
        }
        copy.close();
        copy = null;
        return true;
    }
}
