package app.ret.ports.in;

public interface SessionMaintenanceUseCase {
    /** Ends every session past its idle or absolute timeout; returns how many ended. */
    int endExpiredSessions();

    /** Finishes cleanups that a crash interrupted; returns how many were finished. */
    int finishInterruptedEndings();
}
