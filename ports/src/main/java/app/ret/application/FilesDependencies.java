package app.ret.application;

import app.ret.domain.files.FileLimits;
import app.ret.ports.out.SessionFiles;
import java.util.Objects;

/** The session files store and the limits uploads are held to. */
public record FilesDependencies(SessionFiles store, FileLimits limits) {
    public FilesDependencies {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
    }
}
