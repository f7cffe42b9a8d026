package app.ret.application.ops;

import app.ret.ports.in.ReadinessUseCase;
import app.ret.ports.out.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

public final class ReadinessService implements ReadinessUseCase {
    private final List<Check> checks;

    /** The adapters' health checks, then the conditions the core knows itself (live job workers). */
    public ReadinessService(List<HealthCheck> adapterChecks, List<Check> coreChecks) {
        List<Check> all = new ArrayList<>();
        adapterChecks.forEach(check -> all.add(new Check(check.name(), check::problem)));
        all.addAll(coreChecks);
        this.checks = List.copyOf(all);
    }

    /** One readiness condition: empty when healthy, else a short reason safe to show to clients. */
    public record Check(String name, Supplier<Optional<String>> problem) {
    }

    @Override
    public Readiness check() {
        Map<String, String> results = new LinkedHashMap<>();
        for (Check check : checks) {
            String outcome;
            try {
                outcome = check.problem().get().orElse(Readiness.OK);
            } catch (RuntimeException e) {
                outcome = "failed";
            }
            results.put(check.name(), outcome);
        }
        return new Readiness(Map.copyOf(results));
    }
}
