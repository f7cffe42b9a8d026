package app.ret.ports.in;

import java.util.Map;

public interface ReadinessUseCase {
    Readiness check();

    /** Each check's name mapped to "ok" or its problem. */
    record Readiness(Map<String, String> checks) {
        public static final String OK = "ok";

        public boolean ready() {
            return checks.values().stream().allMatch(OK::equals);
        }
    }
}
