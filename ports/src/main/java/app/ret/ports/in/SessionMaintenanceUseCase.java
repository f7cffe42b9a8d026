package app.ret.ports.in;

public interface SessionMaintenanceUseCase {
    /** Ends every session past its idle or absolute timeout; returns how many ended. */
    int endExpiredSessions();

    /**
     * Finishes cleanups that a crash interrupted, and removes what resources still hold for
     * sessions that no longer exist (derived data never outlives its sessions); returns how many
     * cleanups were finished.
     */
    int finishInterruptedEndings();
}
