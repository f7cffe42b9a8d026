package app.ret.adapters.memory;

import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.RefreshTokenStoreContract;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {
    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();

    @Override
    protected RefreshTokenStore store() {
        return store;
    }

    @Override
    protected RefreshTokenStore reopened() {
        return store;
    }

    @Override
    protected void sessionExists(app.ret.domain.session.Session session) {
        // no referential integrity to satisfy in memory
    }
}
