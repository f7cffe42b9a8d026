package app.ret.bootstrap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Formats each record on the thread that logs it and writes the lines from one background
 * thread, flushing when it has caught up. The JDK's console handler writes and flushes under a
 * lock for every record: with an access line per request, request threads queued on that lock
 * and the server managed about half of its unlogged request rate (see ADR 0007). A full queue
 * makes the logging thread wait: lines are never dropped.
 */
final class AsyncLineHandler extends Handler {
    static final int CAPACITY = 16_384;
    private static final long FLUSH_WAIT_MILLIS = 5_000;

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final Writer out;
    private final Thread writer;
    private final Object progress = new Object();
    private long queued;
    private long written;
    private volatile boolean closed;

    AsyncLineHandler(OutputStream stream, Formatter formatter) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        setFormatter(formatter);
        this.writer = new Thread(this::writeLines, "ret-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        synchronized (progress) {
            queued++;
        }
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (progress) {
                queued--;
                progress.notifyAll();
            }
        }
    }

    private void writeLines() {
        List<String> batch = new ArrayList<>();
        while (!closed || !lines.isEmpty()) {
            try {
                String first = lines.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                lines.drainTo(batch);
                for (String line : batch) {
                    out.write(line);
                }
                if (lines.isEmpty()) {
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                reportError("cannot write log lines", e, ErrorManager.WRITE_FAILURE);
            }
            synchronized (progress) {
                written += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    /** Waits (bounded) until every line published so far is written and flushed. */
    @Override
    public void flush() {
        long deadline = System.currentTimeMillis() + FLUSH_WAIT_MILLIS;
        synchronized (progress) {
            long target = queued;
            while (written < target && writer.isAlive()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot flush log lines", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public void close() {
        flush();
        closed = true;
        try {
            writer.join(FLUSH_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
