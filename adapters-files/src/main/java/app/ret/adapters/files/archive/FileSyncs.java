package app.ret.adapters.files.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes finished files durable on a few threads of its own while the caller writes the next ones:
 * inflating never waits for the disk, and the file system commits the syncs that arrive together in
 * one journal transaction instead of one each. {@link #awaitAll} returns once every file handed in is
 * on disk, or throws the first failure; closing abandons what is still pending.
 */
final class FileSyncs implements AutoCloseable {
    private static final int THREADS = 4;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, work -> {
        Thread thread = new Thread(work, "ret-unpack-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<?>> pending = new ArrayList<>();

    /** Syncs {@code file}, which its writer has closed, soon. */
    void sync(Path file) {
        pending.add(threads.submit(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return null;
        }));
    }

    void awaitAll() throws IOException {
        try {
            for (Future<?> sync : pending) {
                sync.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException("a file could not be synced", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while files were synced");
        } finally {
            pending.clear();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
