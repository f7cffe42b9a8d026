package app.ret.domain.planted;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SessionResourceCleaner;

/** Planted violation: a driven port implemented outside the adapters. */
public final class DomainDrivenPortImplementation implements SessionResourceCleaner {
    @Override
    public String resourceName() {
        return "planted";
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        return CleanupReport.empty();
    }
}
