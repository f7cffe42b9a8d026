package app.ret.adapters.http.jobs;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.ports.in.ComparisonsUseCase;
import app.ret.ports.in.ComparisonsUseCase.ComparisonRequest;
import app.ret.ports.in.ComparisonsUseCase.Submission;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** {@code POST /api/comparisons}: one job that compares two CSV outputs of the session; its status is a job's. */
public final class ComparisonsHandler implements RouteProvider {
    private final ComparisonsUseCase comparisons;

    public ComparisonsHandler(ComparisonsUseCase comparisons) {
        this.comparisons = comparisons;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("POST", "/api/comparisons", Access.AUTHENTICATED, this::submit));
    }

    record ComparisonBody(String left, String right, List<String> key) {}

    private void submit(ApiExchange exchange) throws IOException {
        ComparisonBody body = exchange.readJson(ComparisonBody.class);
        if (body.left() == null || body.right() == null) {
            throw new ProblemException(Problem.validation("left and right name two CSV outputs (output/....csv)."));
        }
        if (body.key() != null && body.key().stream().anyMatch(Objects::isNull)) {
            throw new ProblemException(Problem.validation("key is a list of column names."));
        }
        Submission result = comparisons.submit(exchange.principal().sessionId(),
                new ComparisonRequest(body.left(), body.right(), body.key() == null ? List.of() : body.key()));
        if (result instanceof Submission.NotFound) {
            throw new ProblemException(Problem.notFound());
        }
        if (result instanceof Submission.Rejected rejected) {
            throw new ProblemException(Problem.validation(rejected.reason()));
        }
        JobsHandler.Accepted answer = JobsHandler.Accepted.of(((Submission.Accepted) result).job());
        exchange.setHeader("Location", answer.statusUrl());
        exchange.respondJson(202, answer);
    }
}
