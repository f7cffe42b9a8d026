package app.ret.ports.out;

/** A driven adapter could not do its work (database or disk failure); never an expected outcome. */
public class StoreFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
