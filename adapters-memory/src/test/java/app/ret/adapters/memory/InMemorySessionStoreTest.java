package app.ret.adapters.memory;

import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {
    private final InMemorySessionStore store = new InMemorySessionStore();

    @Override
    protected SessionStore store() {
        return store;
    }

    @Override
    protected SessionStore reopened() {
        return store;
    }
}
