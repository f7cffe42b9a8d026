package app.ret.application.auth;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the CPU that logins can take: at most {@code concurrent} password checks run at once and
 * at most {@code queued} more wait their turn; a login beyond that is turned away at once, so a
 * login flood holds only a few request threads and leaves the rest of the API served.
 */
final class PasswordCheckGate {
    private final Semaphore admitted;
    private final Semaphore running;

    PasswordCheckGate(int concurrent, int queued) {
        this.admitted = new Semaphore(concurrent + queued);
        this.running = new Semaphore(concurrent, true);
    }

    /** The work's result, or empty when the gate is full (or the waiting thread was interrupted). */
    <T> Optional<T> run(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            return Optional.empty();
        }
        try {
            running.acquire();
            try {
                return Optional.of(work.get());
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            admitted.release();
        }
    }
}
