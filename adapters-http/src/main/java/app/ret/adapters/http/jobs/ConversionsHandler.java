package app.ret.adapters.http.jobs;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.RecordSelector;
import app.ret.ports.in.ConversionsUseCase;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code POST /api/conversions}: one job that turns the selected input XML files into CSV; its status is a job's. */
public final class ConversionsHandler implements RouteProvider {
    private static final String CSV = "csv";

    private final ConversionsUseCase conversions;

    public ConversionsHandler(ConversionsUseCase conversions) {
        this.conversions = conversions;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("POST", "/api/conversions", Access.AUTHENTICATED, this::submit));
    }

    record OptionsBody(String record, Boolean formulaGuard, Boolean bom) {}

    record ConversionBody(List<String> paths, List<String> groups, String format, OptionsBody options) {}

    private void submit(ApiExchange exchange) throws IOException {
        ConversionBody body = exchange.readJson(ConversionBody.class);
        if (body.format() != null && !CSV.equals(body.format())) {
            throw new ProblemException(Problem.validation("format must be \"csv\" (the only one there is)."));
        }
        if (nullInside(body.paths()) || nullInside(body.groups())) {
            throw new ProblemException(Problem.validation("paths and groups are lists of strings."));
        }
        ConversionRequest request = new ConversionRequest(Optional.ofNullable(body.paths()), Optional.ofNullable(body.groups()),
                options(body.options()));
        SubmitResult result = conversions.submit(exchange.principal().sessionId(), request);
        if (result instanceof SubmitResult.Rejected rejected) {
            throw new ProblemException(Problem.validation(rejected.reason()));
        }
        JobsHandler.Accepted answer = JobsHandler.Accepted.of(((SubmitResult.Accepted) result).job());
        exchange.setHeader("Location", answer.statusUrl());
        exchange.respondJson(202, answer);
    }

    private static ConversionOptions options(OptionsBody body) {
        if (body == null) {
            return ConversionOptions.DEFAULTS;
        }
        RecordSelector record;
        try {
            record = body.record() == null ? RecordSelector.AUTO : RecordSelector.parse(body.record());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.validation("options.record must be \"auto\" or an XML element name without a prefix."));
        }
        return new ConversionOptions(record, body.formulaGuard() == null || body.formulaGuard(), body.bom() != null && body.bom());
    }

    private static boolean nullInside(List<String> values) {
        return values != null && values.stream().anyMatch(Objects::isNull);
    }
}
