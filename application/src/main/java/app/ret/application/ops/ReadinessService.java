package app.ret.application.ops;

import app.ret.ports.in.ReadinessUseCase;
import app.ret.ports.out.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ReadinessService implements ReadinessUseCase {
    private final List<HealthCheck> checks;

    public ReadinessService(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public Readiness check() {
        Map<String, String> results = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            String outcome;
            try {
                outcome = check.problem().orElse(Readiness.OK);
            } catch (RuntimeException e) {
                outcome = "failed";
            }
            results.put(check.name(), outcome);
        }
        return new Readiness(Map.copyOf(results));
    }
}
