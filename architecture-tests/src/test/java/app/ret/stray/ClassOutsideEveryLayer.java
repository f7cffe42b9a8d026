package app.ret.stray;

/** Planted violation: a class in no layer. */
public final class ClassOutsideEveryLayer {
    public int answer() {
        return 42;
    }
}
