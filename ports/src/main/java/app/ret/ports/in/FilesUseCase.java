package app.ret.ports.in;

import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** A session's own files: upload XML or ZIP, list, download one or many, delete. Never another session's. */
public interface FilesUseCase {
    /** The most bytes one upload may carry (refuse a longer declared body before reading it). */
    long maxUploadBytes();

    /**
     * Stores an upload named {@code name}: an XML file at {@code input/<name>}, a ZIP unpacked into
     * {@code input/<name without extension>/}. Either everything is stored or nothing is.
     */
    UploadOutcome upload(SessionId owner, String name, InputStream body) throws IOException;

    List<StoredFile> list(SessionId owner);

    Optional<FileContent> open(SessionId owner, WorkspacePath path) throws IOException;

    boolean delete(SessionId owner, WorkspacePath path);

    void exportZip(SessionId owner, PathPrefix prefix, OutputStream out) throws IOException;
}
