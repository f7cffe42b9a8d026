package app.ret.ports.in;

/** What an operator's metrics scrape reads from the core: a consistent-enough snapshot, cheap to take. */
public interface OperationalStatsUseCase {
    OperationalStats snapshot();
}
