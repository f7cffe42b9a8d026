package app.ret.adapters.http.files;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Rfc3339;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.files.FileKind;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.SkippedEntry;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.FilesUseCase;
import app.ret.ports.out.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The session workspace over HTTP: uploads (a raw body or multipart form parts, XML or ZIP by their bytes), the listing,
 * downloads with ETag and Content-Disposition, a streamed ZIP of many files, and deletion. A path
 * that is not a canonical workspace path — {@code ..}, encoded or not, a backslash, a NUL, another
 * area — is simply not found, like a file of another session.
 */
public final class FilesHandler implements RouteProvider {
    static final String UNSAFE_ARCHIVE = "unsafe_archive";
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String XML = "application/xml";
    private static final String BINARY = "application/octet-stream";
    private static final String RFC_5987_ATTR_CHARS = "!#$&+-.^_`|~";

    private final FilesUseCase files;

    public FilesHandler(FilesUseCase files) {
        this.files = files;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/api/files", Access.AUTHENTICATED, this::upload),
                Route.of("GET", "/api/files", Access.AUTHENTICATED, this::list),
                Route.of("GET", "/api/files.zip", Access.AUTHENTICATED, this::exportZip),
                Route.of("GET", "/api/files/{path*}", Access.AUTHENTICATED, this::download),
                Route.of("DELETE", "/api/files/{path*}", Access.AUTHENTICATED, this::delete));
    }

    record UploadedFile(String path, long size, String sha256, String group) {}

    record Skipped(String name, String reason) {}

    record UploadBody(List<UploadedFile> files, List<Skipped> skipped) {}

    record ListedFile(String path, long size, String sha256, String group, String kind, String modifiedAt) {}

    record ListBody(List<ListedFile> files) {}

    /**
     * A raw body (one XML or ZIP, whatever its declared type: its first bytes decide), or a
     * {@code multipart/form-data} form with one or more file parts, streamed and stored one after
     * another, each as a raw body would be. The first refused part ends the request with its
     * problem, whose {@code files} lists what the parts before it stored.
     */
    private void upload(ApiExchange exchange) throws IOException {
        Optional<String> name = exchange.queryParameter("name");
        Optional<String> boundary = exchange.header("Content-Type").flatMap(MultipartFormData::boundaryOf);
        SessionId owner = exchange.principal().sessionId();
        if (boundary.isEmpty() && name.isEmpty()) {
            throw new ProblemException(Problem.validation("Name the file in the query (?name=<file name>) or send a multipart/form-data form."));
        }
        if (boundary.isPresent() && boundary.get().isEmpty()) {
            throw new ProblemException(Problem.validation("A multipart/form-data body needs a boundary parameter of 1-70 characters."));
        }
        List<UploadedFile> stored = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try (InputStream body = exchange.body(files.maxUploadBytes())) {
            if (boundary.isEmpty()) {
                store(exchange, owner, name.get(), body, stored, skipped);
            } else {
                storeParts(exchange, owner, name, new MultipartFormData(body, boundary.get()), stored, skipped);
            }
        }
        exchange.respondJson(201, new UploadBody(stored, skipped));
    }

    private void storeParts(ApiExchange exchange, SessionId owner, Optional<String> name, MultipartFormData form,
                            List<UploadedFile> stored, List<Skipped> skipped) throws IOException {
        int fileParts = 0;
        try {
            for (Optional<MultipartFormData.Part> part = form.next(); part.isPresent(); part = form.next()) {
                if (part.get().fileName().isEmpty()) {
                    continue;
                }
                if (++fileParts > 1 && name.isPresent()) {
                    refuse(exchange, Problem.validation("?name= names a single file; this form holds more than one file part."), stored);
                }
                store(exchange, owner, name.orElse(part.get().fileName().get()), part.get().content(), stored, skipped);
            }
        } catch (MultipartFormData.Malformed e) {
            refuse(exchange, Problem.validation(e.getMessage()), stored);
        }
        if (fileParts == 0) {
            refuse(exchange, Problem.validation("The form holds no file part (a part with a filename)."), stored);
        }
    }

    private void store(ApiExchange exchange, SessionId owner, String name, InputStream content,
                       List<UploadedFile> stored, List<Skipped> skipped) throws IOException {
        UploadOutcome outcome;
        try {
            outcome = files.upload(owner, name, content);
        } catch (ProblemException tooLarge) {
            refuse(exchange, tooLarge.problem(), stored);
            return;
        }
        if (outcome instanceof UploadOutcome.Refused refused) {
            refuse(exchange, problemFor(refused), stored);
        }
        var result = ((UploadOutcome.Stored) outcome).result();
        result.files().forEach(file -> stored.add(new UploadedFile(file.path().value(), file.size(), file.sha256(), file.group())));
        result.skipped().forEach(entry -> skipped.add(skipped(entry)));
    }

    /** Ends the request with {@code problem}; when earlier parts were stored, the problem says which. */
    private static void refuse(ApiExchange exchange, Problem problem, List<UploadedFile> stored) {
        throw stored.isEmpty() ? new ProblemException(problem) : new ProblemException(problem, Map.of("files", List.copyOf(stored)));
    }

    private void list(ApiExchange exchange) throws IOException {
        List<ListedFile> listed = files.list(exchange.principal().sessionId()).stream()
                .map(file -> new ListedFile(file.path().value(), file.size(), file.sha256(), file.group(),
                        file.kind().directoryName(), Rfc3339.format(file.modifiedAt())))
                .toList();
        exchange.respondJson(200, new ListBody(listed));
    }

    private void download(ApiExchange exchange) throws IOException {
        WorkspacePath path = workspacePath(exchange);
        Optional<FileContent> opened = files.open(exchange.principal().sessionId(), path);
        if (opened.isEmpty()) {
            throw new ProblemException(Problem.notFound());
        }
        try (FileContent content = opened.get()) {
            StoredFile file = content.file();
            String etag = "\"" + file.sha256() + "\"";
            exchange.setHeader("ETag", etag);
            if (exchange.header("If-None-Match").filter(condition -> matches(condition, etag)).isPresent()) {
                exchange.respondEmpty(304);
                return;
            }
            exchange.setHeader("Content-Disposition", attachment(file.path().fileName().value()));
            String type = contentType(file);
            if (file.size() == 0) {
                exchange.respondBytes(200, type, new byte[0]);
                return;
            }
            try (OutputStream out = exchange.respondStream(200, type, file.size())) {
                content.content().transferTo(out);
            }
        }
    }

    private void exportZip(ApiExchange exchange) throws IOException {
        PathPrefix prefix = exchange.queryParameter("prefix")
                .map(raw -> PathPrefix.parse(raw).orElseThrow(() -> new ProblemException(Problem.validation(
                        "The prefix must start with input/ or output/ (or be a start of one of them)."))))
                .orElse(PathPrefix.EVERYTHING);
        SessionId owner = exchange.principal().sessionId();
        exchange.setHeader("Content-Disposition", "attachment; filename=\"files.zip\"");
        try (OutputStream out = exchange.respondStream(200, "application/zip")) {
            files.exportZip(owner, prefix, out);
        }
    }

    private void delete(ApiExchange exchange) throws IOException {
        WorkspacePath path = workspacePath(exchange);
        if (!files.delete(exchange.principal().sessionId(), path)) {
            throw new ProblemException(Problem.notFound());
        }
        exchange.respondEmpty(204);
    }

    private static WorkspacePath workspacePath(ApiExchange exchange) {
        return WorkspacePath.parse(exchange.pathParameter("path")).orElseThrow(() -> new ProblemException(Problem.notFound()));
    }

    static Problem problemFor(UploadOutcome.Refused refused) {
        String detail = refused.detail();
        return switch (refused.refusal()) {
            case UNUSABLE_NAME -> Problem.validation(detail);
            case TOO_LARGE -> new Problem(413, "payload_too_large", "Payload too large", detail);
            case UNSUPPORTED_CONTENT -> Problem.unsupportedMediaType(detail);
            case UNSAFE_ARCHIVE -> new Problem(422, UNSAFE_ARCHIVE, "Unsafe archive", detail);
            case QUOTA_EXCEEDED -> Problem.quotaExceeded(detail);
            case CONFLICT -> Problem.conflict(detail);
            case DUPLICATE_NAME -> new Problem(409, "duplicate_name", "Duplicate name", detail);
            case NO_WORKSPACE -> new Problem(404, "not_found", "Not found", detail);
        };
    }

    private static Skipped skipped(SkippedEntry entry) {
        return new Skipped(entry.name(), entry.reason().wireName());
    }

    /** Input files are XML by construction (sniffed or matched by extension); outputs by their extension. */
    static String contentType(StoredFile file) {
        if (file.kind() == FileKind.INPUT) {
            return XML;
        }
        return switch (file.path().fileName().extension()) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            case "xml" -> XML;
            default -> BINARY;
        };
    }

    /** RFC 9110 If-None-Match: {@code *} or a list of (weak or strong) tags, compared weakly. */
    static boolean matches(String condition, String etag) {
        for (String candidate : condition.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** An ASCII {@code filename} for old clients and the exact name as RFC 5987 {@code filename*}. */
    static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        fileName.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' ? (char) cp : '_'));
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || RFC_5987_ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
