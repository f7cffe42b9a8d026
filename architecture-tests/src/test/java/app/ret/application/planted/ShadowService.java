package app.ret.application.planted;

/** Planted violation: an application service that an adapter calls directly. */
public final class ShadowService {
    public int answer() {
        return 42;
    }
}
