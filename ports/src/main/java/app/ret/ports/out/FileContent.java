package app.ret.ports.out;

import app.ret.domain.files.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A workspace file opened for reading; the reader closes it. */
public record FileContent(StoredFile file, InputStream content) implements AutoCloseable {
    public FileContent {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
