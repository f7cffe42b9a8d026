package app.ret.application.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.search.IndexJob;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.SearchUseCase;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.testing.SampleData;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The search use case over the in-memory index and job store: its bounds, its hits, and which outputs it names as still being indexed. */
class SearchServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private final InMemorySearchIndex index = new InMemorySearchIndex();
    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private final SearchService search = new SearchService(index, jobs);
    private final SessionId owner = SampleData.newSessionId();
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void theLimitIsOneToTwoHundredAndAQueryMustParse() {
        for (int limit : new int[] {0, -1, 201}) {
            assertThat(search.search(owner, "salmon", limit)).as("limit " + limit)
                    .isEqualTo(new SearchUseCase.Outcome.Invalid("limit must be 1 to 200."));
        }
        assertThat(search.search(owner, "salmon", 1)).isInstanceOf(SearchUseCase.Outcome.Hits.class);
        assertThat(search.search(owner, "salmon", 200)).isInstanceOf(SearchUseCase.Outcome.Hits.class);
        assertThat(search.search(owner, "\"unclosed", 10)).isInstanceOf(SearchUseCase.Outcome.Invalid.class);
        assertThat(((SearchUseCase.Outcome.Invalid) search.search(owner, "   ", 10)).reason()).isNotBlank();
    }

    @Test
    void hitsAreTheSessionsMatchingRowsWithSnippetsUpToTheLimit() {
        try (SearchIndex.Writer writer = index.replace(owner, "output/a.csv", Long.MAX_VALUE)) {
            writer.add(IndexedRow.of("output/a.csv", 1, List.of("title"), List.of("salmon in rivers")));
            writer.add(IndexedRow.of("output/a.csv", 2, List.of("title"), List.of("salmon at sea")));
            writer.add(IndexedRow.of("output/a.csv", 3, List.of("title"), List.of("trout")));
            writer.commit();
        }

        SearchUseCase.Outcome.Hits hits = (SearchUseCase.Outcome.Hits) search.search(owner, "salmon", 10);
        SearchUseCase.Outcome.Hits first = (SearchUseCase.Outcome.Hits) search.search(owner, "salmon", 1);

        assertThat(hits.hits()).extracting(hit -> hit.path() + "#" + hit.row()).containsExactlyInAnyOrder("output/a.csv#1", "output/a.csv#2");
        assertThat(hits.hits().get(0).columns()).containsExactly("title");
        assertThat(hits.hits().get(0).snippet()).anyMatch(part -> part.match() && part.text().equals("salmon"));
        assertThat(first.hits()).hasSize(1);
        assertThat(((SearchUseCase.Outcome.Hits) search.search(SampleData.newSessionId(), "salmon", 10)).hits()).isEmpty();
    }

    @Test
    void theOutputsOfTheSessionsQueuedAndRunningIndexJobsAreNamedOnceAndSorted() {
        JobId running = enqueue(owner, IndexJob.TYPE, List.of("output/c.csv", "output/a.csv"));
        jobs.claimNext(NOW.plusSeconds(1), NOW.plusSeconds(60)).orElseThrow();
        JobId finished = enqueue(owner, IndexJob.TYPE, List.of("output/d.csv"));
        int attempt = jobs.claimNext(NOW.plusSeconds(1), NOW.plusSeconds(60)).orElseThrow().attempts();
        jobs.advance(finished, attempt, job -> job.succeed(JobResult.EMPTY, NOW)).orElseThrow();
        enqueue(owner, IndexJob.TYPE, List.of("output/b.csv", "output/a.csv"));
        enqueue(owner, new JobType("conversion"), List.of("output/e.csv"));
        enqueue(SampleData.newSessionId(), IndexJob.TYPE, List.of("output/f.csv"));

        SearchUseCase.Outcome.Hits hits = (SearchUseCase.Outcome.Hits) search.search(owner, "salmon", 10);

        assertThat(jobs.find(running).orElseThrow().status().wireName()).isEqualTo("running");
        assertThat(hits.indexing()).containsExactly("output/a.csv", "output/b.csv", "output/c.csv");
        assertThat(((SearchUseCase.Outcome.Hits) search.search(SampleData.newSessionId(), "salmon", 10)).indexing()).isEmpty();
    }

    private JobId enqueue(SessionId session, JobType type, List<String> outputs) {
        JobParameters parameters = IndexJob.parameters(outputs.stream()
                .map(output -> new IndexJob.Target(output, "0".repeat(64), "1".repeat(64))).toList());
        JobId id = new JobId(String.format("%032x", ids.incrementAndGet()));
        jobs.enqueue(QueuedJob.submit(new JobSpec(id, session, type, parameters, NOW.plusMillis(ids.get()), 3)));
        return id;
    }
}
