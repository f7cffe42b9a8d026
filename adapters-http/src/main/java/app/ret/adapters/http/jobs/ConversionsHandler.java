package app.ret.adapters.http.jobs;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.conversion.RecordSelector;
import app.ret.ports.in.ConversionsUseCase;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code POST /api/conversions}: one job that turns the selected input XML files into CSV and/or XLSX; its status is a job's. */
public final class ConversionsHandler implements RouteProvider {
    private final ConversionsUseCase conversions;

    public ConversionsHandler(ConversionsUseCase conversions) {
        this.conversions = conversions;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("POST", "/api/conversions", Access.AUTHENTICATED, this::submit));
    }

    record OptionsBody(String record, Boolean formulaGuard, Boolean bom) {}

    record ConversionBody(List<String> paths, List<String> groups, String format, List<String> formats, OptionsBody options) {}

    private void submit(ApiExchange exchange) throws IOException {
        ConversionBody body = exchange.readJson(ConversionBody.class);
        if (nullInside(body.paths()) || nullInside(body.groups())) {
            throw new ProblemException(Problem.validation("paths and groups are lists of strings."));
        }
        ConversionRequest request = new ConversionRequest(Optional.ofNullable(body.paths()), Optional.ofNullable(body.groups()),
                options(body.options()), formats(body));
        SubmitResult result = conversions.submit(exchange.principal().sessionId(), request);
        if (result instanceof SubmitResult.Rejected rejected) {
            throw new ProblemException(Problem.validation(rejected.reason()));
        }
        JobsHandler.Accepted answer = JobsHandler.Accepted.of(((SubmitResult.Accepted) result).job());
        exchange.setHeader("Location", answer.statusUrl());
        exchange.respondJson(202, answer);
    }

    /** {@code format} names one, {@code formats} several; neither means the CSV. */
    private static Set<OutputFormat> formats(ConversionBody body) {
        if (body.format() != null && body.formats() != null) {
            throw new ProblemException(Problem.validation("Give format or formats, not both."));
        }
        List<String> names = body.format() != null ? List.of(body.format()) : body.formats() != null ? body.formats() : List.of("csv");
        if (names.isEmpty() || nullInside(names)) {
            throw new ProblemException(Problem.validation("formats lists at least one of \"csv\" and \"xlsx\"."));
        }
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (String name : names) {
            formats.add(OutputFormat.parse(name).orElseThrow(() -> new ProblemException(Problem.validation(
                    (body.format() != null ? "format" : "formats") + " must be \"csv\" or \"xlsx\"."))));
        }
        return formats;
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
