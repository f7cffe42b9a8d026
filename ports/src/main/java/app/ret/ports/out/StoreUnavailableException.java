package app.ret.ports.out;

/**
 * A driven adapter could not reach its store at all (a database server down or unreachable, no
 * connection within the configured wait). Unlike other {@link StoreFailureException}s it is expected
 * to pass, and the request may be tried again later.
 */
public class StoreUnavailableException extends StoreFailureException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
