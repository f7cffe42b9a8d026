package app.ret.adapters.memory;

import app.ret.ports.out.UserStore;
import app.ret.ports.out.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {
    private final InMemoryUserStore store = new InMemoryUserStore();

    @Override
    protected UserStore store() {
        return store;
    }

    @Override
    protected UserStore reopened() {
        return store;
    }
}
