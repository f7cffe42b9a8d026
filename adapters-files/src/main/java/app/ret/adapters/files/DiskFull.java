package app.ret.adapters.files;

import app.ret.ports.out.InsufficientStorageException;
import java.io.IOException;
import java.util.List;

/**
 * Tells a full disk from other write failures. Java reports {@code ENOSPC} and {@code EDQUOT} only
 * through the operating system's message, so the message is what is read.
 */
public final class DiskFull {
    private static final List<String> MESSAGES = List.of("No space left on device", "Disk quota exceeded");

    private DiskFull() {}

    /**
     * Throws {@link InsufficientStorageException} when {@code failure} (or what caused it) says the
     * disk is full; otherwise returns it, to be thrown as it is: {@code throw DiskFull.recognise(e);}.
     */
    public static IOException recognise(IOException failure) {
        if (says(failure)) {
            throw new InsufficientStorageException("the disk is full", failure);
        }
        return failure;
    }

    public static boolean says(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (MESSAGES.stream().anyMatch(message::contains)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
