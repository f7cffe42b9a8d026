package app.ret.adapters.files.workspace;

import app.ret.domain.session.SessionId;
import app.ret.ports.out.SessionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** An upload on disk in its session's private area; what is not moved away is deleted on close. */
final class DiskSpool implements SessionFiles.Spool {
    private static final System.Logger LOG = System.getLogger(DiskSpool.class.getName());

    private final SessionId session;
    private final Path file;
    private final long size;
    private final String sha256;
    private final byte[] head;

    DiskSpool(SessionId session, Path file, long size, String sha256, byte[] head) {
        this.session = session;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.head = head.clone();
    }

    SessionId session() {
        return session;
    }

    Path file() {
        return file;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public byte[] head() {
        return Arrays.copyOf(head, head.length);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The session's purge removes it at the latest.
            LOG.log(System.Logger.Level.WARNING, "could not delete a spooled upload of session " + session, e);
        }
    }
}
