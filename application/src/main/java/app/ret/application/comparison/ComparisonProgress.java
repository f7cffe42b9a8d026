package app.ret.application.comparison;

import app.ret.application.jobs.JobContext;
import app.ret.ports.out.TableComparer;
import java.io.IOException;
import java.io.InputStream;

/**
 * A comparison's progress as the job's, in rows: reading both sides is the first half, walking them
 * the second, so the total is twice the rows of both sides. While the sides are read their row
 * count is not known yet; it is estimated from the bytes read so far against both files' sizes,
 * and exact once they are read.
 */
final class ComparisonProgress {
    private final JobContext context;
    private final long totalBytes;
    private final CountingInput left;
    private final CountingInput right;
    private long total = 1;

    ComparisonProgress(JobContext context, InputStream left, long leftBytes, InputStream right, long rightBytes) {
        this.context = context;
        this.totalBytes = leftBytes + rightBytes;
        this.left = new CountingInput(left);
        this.right = new CountingInput(right);
    }

    InputStream left() {
        return left;
    }

    InputStream right() {
        return right;
    }

    /** What the comparer reports ({@link TableComparer.Progress}), given as the job's progress. */
    void rows(long leftRead, long rightRead, long walked) {
        long read = leftRead + rightRead;
        long bytesRead = left.count + right.count;
        boolean bothRead = walked > 0 || bytesRead >= totalBytes;
        long rows = bothRead || bytesRead == 0 ? read : Math.max(read, (long) ((double) read * totalBytes / bytesRead));
        total = 2 * Math.max(rows, 1);
        context.progress(Math.min(read + walked, total), total);
    }

    /** All done, whatever the rows (an empty table has none to count). */
    void complete() {
        context.progress(total, total);
    }

    /** The bytes a side's reader took from its file (a reader buffers ahead, so a little early). */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private volatile long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
