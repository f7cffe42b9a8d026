package app.ret.adapters.http.jobs;

import app.ret.adapters.http.jobs.JobsHandler.JobBody;
import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.job.JobStatus;
import app.ret.ports.in.JobOverviewUseCase;
import app.ret.ports.in.JobOverviewUseCase.OwnedJob;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Role admin: the jobs of every active session, optionally of one status, each with its session and user. */
public final class AdminJobsHandler implements RouteProvider {
    private final JobOverviewUseCase overview;

    public AdminJobsHandler(JobOverviewUseCase overview) {
        this.overview = overview;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("GET", "/api/admin/jobs", Access.ADMIN, this::list));
    }

    record OwnedJobBody(@JsonUnwrapped JobBody job, String sessionId, String username) {
        static OwnedJobBody from(OwnedJob owned) {
            return new OwnedJobBody(JobBody.from(owned.job()), owned.session().id().value(), owned.session().username().value());
        }
    }

    record OwnedJobList(List<OwnedJobBody> jobs) {}

    private void list(ApiExchange exchange) throws IOException {
        Optional<JobStatus> status = exchange.queryParameter("status").map(AdminJobsHandler::status);
        exchange.respondJson(200, new OwnedJobList(overview.jobs(status).stream().map(OwnedJobBody::from).toList()));
    }

    private static JobStatus status(String wireName) {
        return Arrays.stream(JobStatus.values()).filter(candidate -> candidate.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.validation(
                        "status must be one of queued, running, succeeded, failed, cancelled.")));
    }
}
