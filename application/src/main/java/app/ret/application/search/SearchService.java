package app.ret.application.search;

import app.ret.domain.search.SearchHit;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.SearchUseCase;
import app.ret.ports.out.SearchIndex;

/** Parses what a person typed, asks the session's own index, and shows each row as a hit with its snippet and matched columns. */
public final class SearchService implements SearchUseCase {
    private final SearchIndex index;

    public SearchService(SearchIndex index) {
        this.index = index;
    }

    @Override
    public Outcome search(SessionId owner, String query, int limit) {
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
            return new Outcome.Invalid("limit must be 1 to " + SearchQuery.MAX_LIMIT + ".");
        }
        SearchQuery.Parsed parsed = SearchQuery.parse(query);
        if (parsed instanceof SearchQuery.Parsed.Invalid invalid) {
            return new Outcome.Invalid(invalid.reason());
        }
        SearchQuery valid = ((SearchQuery.Parsed.Valid) parsed).query();
        return new Outcome.Hits(index.search(owner, valid, limit).stream().map(row -> SearchHit.of(row, valid)).toList());
    }
}
