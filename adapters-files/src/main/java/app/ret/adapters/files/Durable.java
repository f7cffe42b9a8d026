package app.ret.adapters.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The small file-system steps that make a write durable and whole. */
public final class Durable {
    private Durable() {}

    /** A rename (or a new entry) is on disk only once its directory is. */
    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    public static void writeFully(FileChannel channel, byte[] buffer, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
