package app.ret.ports.out;

import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The files in session workspaces. Writes are all or nothing: an upload is first spooled to a
 * private area of the session, and only a complete, checked result is moved into place, so no
 * reader ever sees half a file and a refused upload leaves the workspace as it was.
 */
public interface SessionFiles {

    /**
     * Copies {@code body} to a private spool of the session, reading at most {@code limitBytes}
     * (one more byte means too large, and nothing is kept).
     */
    SpoolResult spool(SessionId session, InputStream body, long limitBytes) throws IOException;

    /**
     * Moves a spooled XML file to {@code target}, replacing a file already there, unless the
     * session would then hold more than {@code quotaBytes}.
     */
    UploadOutcome store(SessionId session, Spool spool, WorkspacePath target, long quotaBytes) throws IOException;

    /**
     * Unpacks a spooled ZIP into the folder {@code folder} (replacing a folder already there):
     * the whole archive is checked against {@code limits} and the entry-name rules while it is
     * extracted to a private staging area, and moved into place only when every check passed and
     * the session stays within {@code quotaBytes}.
     */
    UploadOutcome unpack(SessionId session, Spool spool, WorkspacePath folder, ArchiveLimits limits, long quotaBytes)
            throws IOException;

    /** Every file of the session's {@code input} and {@code output} areas, sorted by path. */
    List<StoredFile> list(SessionId session);

    /** The file and its bytes; empty when there is no such file in this session. */
    Optional<FileContent> open(SessionId session, WorkspacePath path) throws IOException;

    /**
     * The file's bytes alone, for readers that look at part of a file: nothing is read but what
     * the caller reads (no digest is computed); empty when there is no such file in this session.
     */
    Optional<InputStream> read(SessionId session, WorkspacePath path) throws IOException;

    /**
     * The file opened for paging as a table, with the row index the store keeps beside every CSV
     * it stores in the {@code output} area (written as the file is stored, never listed, removed
     * with the file and with the workspace); empty when there is no such file in this session.
     */
    Optional<TableFile> openTable(SessionId session, WorkspacePath path) throws IOException;

    /** Deletes one file (and the folders it leaves empty); false when there was none. */
    boolean delete(SessionId session, WorkspacePath path);

    /** Writes a ZIP of the session's files whose paths start with {@code prefix} (entries named by path). */
    void exportZip(SessionId session, PathPrefix prefix, OutputStream out) throws IOException;

    /** An upload's bytes, complete and on disk, not yet visible; closing it discards what was not stored. */
    interface Spool extends AutoCloseable {
        long size();

        String sha256();

        /** The first bytes (up to {@link app.ret.domain.files.UploadKind#HEAD_BYTES}), to tell what the upload is. */
        byte[] head();

        @Override
        void close();
    }

    /** The spool, or why nothing was kept: {@link UploadRefusal#TOO_LARGE} or {@link UploadRefusal#NO_WORKSPACE}. */
    record SpoolResult(Optional<Spool> spool, Optional<UploadRefusal> refusal) {
        public SpoolResult {
            if (spool.isPresent() == refusal.isPresent()) {
                throw new IllegalArgumentException("a spool result is either a spool or a refusal");
            }
        }

        public static SpoolResult spooled(Spool spool) {
            return new SpoolResult(Optional.of(spool), Optional.empty());
        }

        public static SpoolResult tooLarge() {
            return new SpoolResult(Optional.empty(), Optional.of(UploadRefusal.TOO_LARGE));
        }

        public static SpoolResult noWorkspace() {
            return new SpoolResult(Optional.empty(), Optional.of(UploadRefusal.NO_WORKSPACE));
        }
    }
}
