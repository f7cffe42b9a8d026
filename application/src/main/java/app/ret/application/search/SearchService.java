package app.ret.application.search;

import app.ret.domain.job.Job;
import app.ret.domain.search.IndexJob;
import app.ret.domain.search.SearchHit;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.SearchUseCase;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.SearchIndex;
import java.util.List;

/**
 * Parses what a person typed, asks the session's own index, and shows each row as a hit with its
 * snippet and matched columns, naming the session's outputs whose index job has not finished yet
 * (their rows may be missing from the hits or stale).
 */
public final class SearchService implements SearchUseCase {
    private final SearchIndex index;
    private final JobStore jobs;

    public SearchService(SearchIndex index, JobStore jobs) {
        this.index = index;
        this.jobs = jobs;
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
        // Listed before the index is read: a file whose job ends in between is named once too often, never missed.
        List<String> indexing = indexing(owner);
        return new Outcome.Hits(index.search(owner, valid, limit).stream().map(row -> SearchHit.of(row, valid)).toList(), indexing);
    }

    /** The outputs of the session whose index job is queued or running, sorted. */
    private List<String> indexing(SessionId owner) {
        return jobs.listOf(owner).stream()
                .filter(job -> job.type().equals(IndexJob.TYPE) && !job.status().isFinished())
                .map(Job::spec)
                .flatMap(spec -> IndexJob.outputs(spec.parameters()).stream())
                .distinct()
                .sorted()
                .toList();
    }
}
