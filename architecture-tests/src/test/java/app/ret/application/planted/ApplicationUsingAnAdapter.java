package app.ret.application.planted;

import app.ret.adapters.memory.InMemoryUserStore;

/** Planted violation: the application choosing an adapter instead of receiving a port. */
public final class ApplicationUsingAnAdapter {
    public Object users() {
        return new InMemoryUserStore();
    }
}
