package app.ret.adapters.http.files;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.preview.ElementCensus;
import app.ret.domain.preview.PageRequest;
import app.ret.domain.preview.TablePage;
import app.ret.ports.in.FilePreviewUseCase;
import java.io.IOException;
import java.util.List;

/**
 * Looking into the caller's files without downloading them: a page of a CSV output as JSON, the
 * element names of an XML input. Its routes end in a literal after the file's path, so they must
 * be routed before {@link FilesHandler}'s {@code /api/files/{path*}}, which would take them whole.
 */
public final class FilePreviewHandler implements RouteProvider {
    private final FilePreviewUseCase preview;

    public FilePreviewHandler(FilePreviewUseCase preview) {
        this.preview = preview;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/files/{path*}/preview", Access.AUTHENTICATED, this::page),
                Route.of("GET", "/api/files/{path*}/elements", Access.AUTHENTICATED, this::elements));
    }

    record PageBody(List<String> columns, List<List<String>> rows, long offset, int limit, Long totalRows) {
        static PageBody from(TablePage page) {
            return new PageBody(page.columns(), page.rows(), page.request().offset(), page.request().limit(),
                    page.totalRows().isPresent() ? page.totalRows().getAsLong() : null);
        }
    }

    record ElementBody(String name, long count, int depth) {}

    record CensusBody(List<ElementBody> elements, boolean complete) {
        static CensusBody from(ElementCensus census) {
            return new CensusBody(census.elements().stream().map(e -> new ElementBody(e.name(), e.count(), e.depth())).toList(),
                    census.complete());
        }
    }

    private void page(ApiExchange exchange) throws IOException {
        long offset = number(exchange, "offset", 0);
        long limit = number(exchange, "limit", PageRequest.DEFAULT_LIMIT);
        if (limit < 1) {
            throw new ProblemException(Problem.validation("limit must be 1 or more (at most " + PageRequest.MAX_LIMIT + " rows are returned)."));
        }
        PageRequest request = PageRequest.capped(offset, limit);
        TablePage page = preview.preview(exchange.principal().sessionId(), path(exchange), request)
                .orElseThrow(() -> new ProblemException(notFound("No CSV file under output/ at this path.")));
        exchange.respondJson(200, PageBody.from(page));
    }

    private void elements(ApiExchange exchange) throws IOException {
        ElementCensus census = preview.elements(exchange.principal().sessionId(), path(exchange))
                .orElseThrow(() -> new ProblemException(notFound("No XML file under input/ at this path.")));
        exchange.respondJson(200, CensusBody.from(census));
    }

    private static WorkspacePath path(ApiExchange exchange) {
        return WorkspacePath.parse(exchange.pathParameter("path")).orElseThrow(() -> new ProblemException(Problem.notFound()));
    }

    private static long number(ApiExchange exchange, String name, long absent) {
        String raw = exchange.queryParameter(name).orElse(null);
        if (raw == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // Answered below, like a negative number.
        }
        throw new ProblemException(Problem.validation(name + " must be a whole number, 0 or more."));
    }

    private static Problem notFound(String detail) {
        return new Problem(404, "not_found", "Not found", detail);
    }
}
