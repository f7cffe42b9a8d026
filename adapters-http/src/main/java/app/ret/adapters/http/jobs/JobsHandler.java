package app.ret.adapters.http.jobs;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Rfc3339;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.comparison.ComparisonSummary;
import app.ret.domain.search.IndexJob;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobResult;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.JobsUseCase;
import app.ret.ports.in.JobsUseCase.CancelResult;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.JobsUseCase.TestJobRequest;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The caller's jobs. A job id of another session answers exactly like an unknown one (404), so
 * ids reveal nothing. {@code POST /api/jobs} submits the built-in {@code test} type and answers
 * 404 unless the server enables it (JOB_TEST_TYPE_ENABLED); conversions have their own route.
 */
public final class JobsHandler implements RouteProvider {
    static final String TEST_TYPE = "test";

    private final JobsUseCase jobs;

    public JobsHandler(JobsUseCase jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/jobs", Access.AUTHENTICATED, this::list),
                Route.of("POST", "/api/jobs", Access.AUTHENTICATED, this::submitTestJob),
                Route.of("GET", "/api/jobs/{id}", Access.AUTHENTICATED, this::get),
                Route.of("DELETE", "/api/jobs/{id}", Access.AUTHENTICATED, this::cancel));
    }

    record ProgressBody(long done, long total, int percent) {}

    record ErrorBody(String code, String message) {}

    record OutputBody(String input, String output, long rows, int columns, long bytes, boolean cached) {}

    record FailedBody(String input, String code, String message) {}

    /** A comparison's counts (API.md: "the job result counts each kind"). */
    record ComparisonBody(long added, long removed, long changed, long unchanged, long duplicateKeysLeft, long duplicateKeysRight,
                          List<String> duplicateKeyExamples, List<String> columnsOnlyLeft, List<String> columnsOnlyRight) {
        static ComparisonBody from(ComparisonSummary summary) {
            return new ComparisonBody(summary.added(), summary.removed(), summary.changed(), summary.unchanged(),
                    summary.duplicateKeysLeft(), summary.duplicateKeysRight(), summary.duplicateKeyExamples(), summary.columnsOnlyLeft(),
                    summary.columnsOnlyRight());
        }
    }

    /** How many rows of a file an index job made searchable. */
    record IndexedBody(String path, long rows) {}

    /**
     * {@code comparison} only in a comparison job's result, {@code indexJob} only in a conversion's that queued one,
     * {@code indexed} only in an index job's.
     */
    record ResultBody(List<OutputBody> outputs, List<FailedBody> failed, @JsonInclude(JsonInclude.Include.NON_NULL) ComparisonBody comparison,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String indexJob,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<IndexedBody> indexed) {}

    /** One job as API.md shows it; absent times, error and result are {@code null}. */
    record JobBody(String id, String type, String status, ProgressBody progress, int attempts, String createdAt, String startedAt,
                   String finishedAt, ErrorBody error, ResultBody result) {

        static JobBody from(Job job) {
            return new JobBody(job.id().value(), job.type().name(), job.status().wireName(),
                    new ProgressBody(job.progress().done(), job.progress().total(), job.percent()), job.attempts(),
                    Rfc3339.format(job.spec().createdAt()), job.startedAt().map(Rfc3339::format).orElse(null),
                    job.finishedAt().map(Rfc3339::format).orElse(null), job.error().map(JobBody::error).orElse(null),
                    job.result().map(result -> result(job, result)).orElse(null));
        }

        private static ErrorBody error(JobError error) {
            return new ErrorBody(error.code(), error.message());
        }

        private static ResultBody result(Job job, JobResult result) {
            return new ResultBody(result.outputs().stream().map(JobBody::output).toList(),
                    result.failed().stream().map(JobBody::failed).toList(),
                    ComparisonSummary.fromJobSummary(result.summary()).map(ComparisonBody::from).orElse(null),
                    IndexJob.namedIn(result.summary()).orElse(null), indexed(job, result));
        }

        private static List<IndexedBody> indexed(Job job, JobResult result) {
            if (!job.type().equals(IndexJob.TYPE)) {
                return null;
            }
            return IndexJob.indexedIn(result.summary()).stream().map(file -> new IndexedBody(file.path(), file.rows())).toList();
        }

        private static OutputBody output(JobOutput output) {
            return new OutputBody(output.input(), output.output(), output.rows(), output.columns(), output.bytes(), output.cached());
        }

        private static FailedBody failed(FailedInput failed) {
            return new FailedBody(failed.input(), failed.error().code(), failed.error().message());
        }
    }

    record JobList(List<JobBody> jobs) {}

    /** The answer to a submission, as for a conversion. */
    record Accepted(String jobId, String statusUrl) {
        static Accepted of(Job job) {
            return new Accepted(job.id().value(), "/api/jobs/" + job.id().value());
        }
    }

    record TestJobBody(String type, Integer units, Long unitMillis, Integer transientFailures) {}

    private void list(ApiExchange exchange) throws IOException {
        SessionId owner = exchange.principal().sessionId();
        exchange.respondJson(200, new JobList(jobs.list(owner).stream().map(JobBody::from).toList()));
    }

    private void get(ApiExchange exchange) throws IOException {
        Job job = jobs.find(exchange.principal().sessionId(), jobId(exchange))
                .orElseThrow(() -> new ProblemException(Problem.notFound()));
        exchange.respondJson(200, JobBody.from(job));
    }

    private void cancel(ApiExchange exchange) throws IOException {
        CancelResult result = jobs.cancel(exchange.principal().sessionId(), jobId(exchange));
        if (result instanceof CancelResult.Cancelled cancelled) {
            exchange.respondJson(202, JobBody.from(cancelled.job()));
        } else if (result instanceof CancelResult.CancellationRequested requested) {
            exchange.respondJson(202, JobBody.from(requested.job()));
        } else if (result instanceof CancelResult.AlreadyFinished finished) {
            throw new ProblemException(Problem.conflict("The job has already finished (" + finished.job().status().wireName() + ")."));
        } else {
            throw new ProblemException(Problem.notFound());
        }
    }

    private void submitTestJob(ApiExchange exchange) throws IOException {
        TestJobBody body = exchange.readJson(TestJobBody.class);
        if (!TEST_TYPE.equals(body.type())) {
            throw new ProblemException(Problem.validation("Only the built-in \"test\" type is submitted here; conversions go to POST /api/conversions."));
        }
        TestJobRequest request = new TestJobRequest(
                body.units() == null ? 1 : body.units(),
                Duration.ofMillis(body.unitMillis() == null ? 0 : body.unitMillis()),
                body.transientFailures() == null ? 0 : body.transientFailures());
        SubmitResult result = jobs.submitTestJob(exchange.principal().sessionId(), request);
        if (result instanceof SubmitResult.Accepted accepted) {
            Accepted answer = Accepted.of(accepted.job());
            exchange.setHeader("Location", answer.statusUrl());
            exchange.respondJson(202, answer);
        } else if (result instanceof SubmitResult.Rejected rejected) {
            throw new ProblemException(Problem.validation(rejected.reason()));
        } else {
            throw new ProblemException(Problem.notFound());
        }
    }

    private static JobId jobId(ApiExchange exchange) {
        String id = exchange.pathParameter("id");
        if (!JobId.isValid(id)) {
            throw new ProblemException(Problem.notFound());
        }
        return new JobId(id);
    }
}
