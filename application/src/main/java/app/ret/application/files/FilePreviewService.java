package app.ret.application.files;

import app.ret.domain.files.FileKind;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.preview.ElementCensus;
import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.FilePreviewUseCase;
import app.ret.ports.out.ElementScanner;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.TableFile;
import app.ret.ports.out.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Opens one of the session's own files — never another session's: the store only looks inside the
 * owner's workspace — and hands its bytes to the reader for its kind: CSV outputs to the table
 * reader (with the row index the store keeps beside them), XML inputs to the element scanner.
 * Both read only what they need.
 */
public final class FilePreviewService implements FilePreviewUseCase {
    private static final String CSV = "csv";

    private final SessionFiles files;
    private final TableReader tables;
    private final ElementScanner elements;

    public FilePreviewService(FilesDependencies dependencies) {
        this.files = dependencies.store();
        this.tables = dependencies.tableReader();
        this.elements = dependencies.elementScanner();
    }

    @Override
    public Optional<TablePage> preview(SessionId owner, WorkspacePath path, PageRequest request) throws IOException {
        if (path.kind() != FileKind.OUTPUT || !path.fileName().hasExtension(CSV)) {
            return Optional.empty();
        }
        Optional<TableFile> opened = files.openTable(owner, path);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (TableFile csv = opened.get()) {
            return Optional.of(tables.page(csv, request));
        }
    }

    @Override
    public Optional<ElementCensus> elements(SessionId owner, WorkspacePath path) throws IOException {
        if (path.kind() != FileKind.INPUT) {
            return Optional.empty();
        }
        Optional<InputStream> opened = files.read(owner, path);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream xml = opened.get()) {
            return Optional.of(elements.scan(xml));
        }
    }
}
