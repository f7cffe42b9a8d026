package app.ret.adapters.memory;

import app.ret.domain.session.Session;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.JobStoreContract;

class InMemoryJobStoreTest extends JobStoreContract {
    private final InMemoryJobStore store = new InMemoryJobStore();

    @Override
    protected JobStore store() {
        return store;
    }

    @Override
    protected JobStore reopened() {
        return store;
    }

    @Override
    protected void sessionExists(Session session) {
        // no referential integrity to satisfy in memory
    }
}
