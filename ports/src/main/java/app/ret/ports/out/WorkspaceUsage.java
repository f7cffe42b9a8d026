package app.ret.ports.out;

public record WorkspaceUsage(long files, long bytes) {
    public static final WorkspaceUsage NONE = new WorkspaceUsage(0, 0);

    public WorkspaceUsage {
        if (files < 0 || bytes < 0) {
            throw new IllegalArgumentException("usage cannot be negative");
        }
    }
}
