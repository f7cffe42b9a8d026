package app.ret.ports.out;

/**
 * A write failed because the disk (or the database server's disk) is full. Nothing of the write
 * was kept; the same write succeeds once space returns, so callers report it as such instead of
 * as an internal failure.
 */
public class InsufficientStorageException extends StoreFailureException {
    private static final long serialVersionUID = 1L;

    public InsufficientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
