package app.ret.adapters.http.planted;

import app.ret.adapters.memory.InMemoryUserStore;

/** Planted violation: the HTTP adapter picking a store itself instead of being given a use case. */
public final class HttpUsingMemory {
    public Object users() {
        return new InMemoryUserStore();
    }
}
