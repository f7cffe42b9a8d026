package app.ret.adapters.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * The connection pool: how many connections it holds, and how long a caller waits for one (and a
 * new connection for the server) before the database counts as unavailable.
 */
public record PoolSettings(int size, Duration connectTimeout) {
    public PoolSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (size < 1) {
            throw new IllegalArgumentException("a connection pool needs at least one connection");
        }
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the connect timeout must be at least one second");
        }
    }

    /** One connection per request-handler thread and job worker, plus two for the periodic work and readiness. */
    public static int sizeFor(int handlerThreads, int jobWorkers) {
        return handlerThreads + jobWorkers + 2;
    }
}
