package app.ret.adapters.http.pipeline;

/** Thrown inside the HTTP adapter to answer with a problem; the pipeline renders it. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
