package app.ret.adapters.http.ops;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.cluster.InstanceId;
import app.ret.ports.in.ReadinessUseCase;
import app.ret.ports.in.ReadinessUseCase.Readiness;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Liveness answers while the process serves; readiness names the instance and every check, and
 * when one fails answers a 503 problem carrying them all.
 */
public final class HealthHandler implements RouteProvider {
    private final ReadinessUseCase readiness;
    private final InstanceId instance;

    public HealthHandler(ReadinessUseCase readiness, InstanceId instance) {
        this.readiness = readiness;
        this.instance = instance;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/healthz", Access.PUBLIC, this::live),
                Route.of("GET", "/readyz", Access.PUBLIC, this::ready));
    }

    record Status(String status) {}

    public record ReadyStatus(String status, String instance, Map<String, String> checks) {}

    private void live(ApiExchange exchange) throws IOException {
        exchange.respondJson(200, new Status("ok"));
    }

    private void ready(ApiExchange exchange) throws IOException {
        Readiness result = readiness.check();
        Map<String, String> checks = new TreeMap<>(result.checks());
        if (result.ready()) {
            exchange.respondJson(200, new ReadyStatus("ready", instance.value(), checks));
        } else {
            String failing = checks.entrySet().stream().filter(check -> !Readiness.OK.equals(check.getValue()))
                    .map(check -> check.getKey() + ": " + check.getValue()).collect(Collectors.joining("; "));
            exchange.respondProblem(Problem.unavailable("Not ready: " + failing + "."), Map.of("instance", instance.value(), "checks", checks));
        }
    }
}
