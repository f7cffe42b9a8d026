package app.ret.adapters.http.search;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.search.SearchHit;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.search.SnippetPart;
import app.ret.ports.in.SearchUseCase;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/search?q=…&limit=…}: the caller's session's rows that match, best first. The
 * query parameters are strict: an unknown or repeated one, a missing {@code q} or a {@code limit}
 * that is not a whole number from 1 to 200 is a 400 naming it.
 */
public final class SearchHandler implements RouteProvider {
    private static final String QUERY = "q";
    private static final String LIMIT = "limit";
    private static final Set<String> PARAMETERS = Set.of(QUERY, LIMIT);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    private final SearchUseCase search;

    public SearchHandler(SearchUseCase search) {
        this.search = search;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("GET", "/api/search", Access.AUTHENTICATED, this::search));
    }

    record PartBody(String text, boolean match) {}

    record HitBody(String path, long row, List<PartBody> snippet, List<String> columns) {
        static HitBody from(SearchHit hit) {
            return new HitBody(hit.path(), hit.row(), hit.snippet().stream().map(HitBody::part).toList(), hit.columns());
        }

        private static PartBody part(SnippetPart part) {
            return new PartBody(part.text(), part.match());
        }
    }

    /** {@code indexing}: the session's outputs whose index job is queued or running, so hits may be incomplete. */
    record HitsBody(String query, List<HitBody> hits, List<String> indexing) {}

    private void search(ApiExchange exchange) throws IOException {
        exchange.requireOnlyQueryParameters(PARAMETERS);
        String query = exchange.queryParameter(QUERY)
                .orElseThrow(() -> new ProblemException(Problem.validation("q is required: the words to search for.")));
        int limit = exchange.queryParameter(LIMIT).map(SearchHandler::limit).orElse(SearchQuery.DEFAULT_LIMIT);
        SearchUseCase.Outcome outcome = search.search(exchange.principal().sessionId(), query, limit);
        if (outcome instanceof SearchUseCase.Outcome.Invalid invalid) {
            throw new ProblemException(Problem.validation(invalid.reason()));
        }
        SearchUseCase.Outcome.Hits found = (SearchUseCase.Outcome.Hits) outcome;
        exchange.respondJson(200, new HitsBody(query, found.hits().stream().map(HitBody::from).toList(), found.indexing()));
    }

    private static int limit(String raw) {
        if (!WHOLE_NUMBER.matcher(raw).matches()) {
            throw new ProblemException(Problem.validation("limit must be a whole number from 1 to " + SearchQuery.MAX_LIMIT + "."));
        }
        return Integer.parseInt(raw);
    }
}
