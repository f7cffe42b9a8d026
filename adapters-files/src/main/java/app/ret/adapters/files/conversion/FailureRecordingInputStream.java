package app.ret.adapters.files.conversion;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers an I/O failure of the source: the parser wraps every failure in an
 * {@code XMLStreamException}, and a broken source must not be reported as bad XML.
 */
final class FailureRecordingInputStream extends FilterInputStream {
    private IOException failure;

    FailureRecordingInputStream(InputStream source) {
        super(source);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** The parser closes its input once it reaches the end of the document; the stream is the caller's. */
    @Override
    public void close() {
    }

    void rethrowSourceFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
