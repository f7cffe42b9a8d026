package app.ret.adapters.http.pipeline;

import java.util.Map;

/** Thrown inside the HTTP adapter to answer with a problem; the pipeline renders it. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, Object> extensions;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem with extension members (RFC 9457 §3.2), such as the files an upload stored before it was refused. */
    public ProblemException(Problem problem, Map<String, Object> extensions) {
        super(problem.code(), null, false, false);
        this.problem = problem;
        this.extensions = Map.copyOf(extensions);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
