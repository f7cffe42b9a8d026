package app.ret.adapters.memory.planted;

import app.ret.application.planted.ShadowService;

/** Planted violation: an adapter calling an application service instead of a use case. */
public final class AdapterReachingIntoTheApplication {
    public int ask() {
        return new ShadowService().answer();
    }
}
