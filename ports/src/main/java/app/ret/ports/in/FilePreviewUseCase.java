package app.ret.ports.in;

import app.ret.domain.files.WorkspacePath;
import app.ret.domain.preview.ElementCensus;
import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import app.ret.domain.session.SessionId;
import java.io.IOException;
import java.util.Optional;

/** Looking into a session's own files without downloading them: a page of a CSV output, the element names of an XML input. */
public interface FilePreviewUseCase {
    /** The page; empty when the session has no such file or it is not a CSV file under {@code output/}. */
    Optional<TablePage> preview(SessionId owner, WorkspacePath path, PageRequest request) throws IOException;

    /** The census; empty when the session has no such file or it is not an XML file under {@code input/}. */
    Optional<ElementCensus> elements(SessionId owner, WorkspacePath path) throws IOException;
}
