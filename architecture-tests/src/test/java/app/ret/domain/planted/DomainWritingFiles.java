package app.ret.domain.planted;

import java.io.File;

/** Planted violation: the domain reaching for the file system through java.io.File. */
public final class DomainWritingFiles {
    public boolean exists(String name) {
        return new File(name).exists();
    }
}
