package app.ret.application.planted;

/** Planted violation: a public application service next to the factory. */
public final class PublicShadowService {
    public int answer() {
        return 42;
    }
}
