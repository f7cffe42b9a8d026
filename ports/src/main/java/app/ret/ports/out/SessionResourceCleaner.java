package app.ret.ports.out;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.session.SessionId;

/**
 * One resource's part of ending a session (its files, its cache entries, its jobs, ...). Every
 * session ending calls every registered cleaner; a cleaner must be idempotent, because a cleanup
 * interrupted by a crash is run again at the next start.
 */
public interface SessionResourceCleaner {
    /** A short name for logs and errors. */
    String resourceName();

    CleanupReport purge(SessionId sessionId);
}
