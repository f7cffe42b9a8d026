package app.ret.ports.in;

import app.ret.domain.search.SearchHit;
import app.ret.domain.session.SessionId;
import java.util.List;

/** Searching the rows a session's conversions wrote, in that session's own index. */
public interface SearchUseCase {
    /** The best hits for the query as typed ({@link app.ret.domain.search.SearchQuery}), at most {@code limit} (1 to {@code MAX_LIMIT}). */
    Outcome search(SessionId owner, String query, int limit);

    sealed interface Outcome {
        /** The hits, and the session's outputs whose rows are still being indexed (hits may miss them), sorted. */
        record Hits(List<SearchHit> hits, List<String> indexing) implements Outcome {
            public Hits {
                hits = List.copyOf(hits);
                indexing = List.copyOf(indexing);
            }
        }

        /** The query or limit is not one; the reason is for people. */
        record Invalid(String reason) implements Outcome {}
    }
}
