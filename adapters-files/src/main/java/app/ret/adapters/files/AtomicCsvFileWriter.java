package app.ret.adapters.files;

import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.Converter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Converts into a file so that the target is either absent, as it was, or complete: the CSV goes
 * to a temporary file beside it, is forced to disk, then moved over the target atomically. A
 * refused document or a failure leaves no file behind.
 */
public final class AtomicCsvFileWriter {
    private final Converter converter;

    public AtomicCsvFileWriter(Converter converter) {
        this.converter = Objects.requireNonNull(converter, "converter");
    }

    public ConversionResult convert(InputStream xml, Path target, ConversionOptions options) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".partial");
        boolean moved = false;
        try {
            ConversionResult result;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                result = converter.convert(xml, out, options);
                channel.force(true);
            }
            if (result instanceof ConversionSummary) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
                forceDirectory(directory);
            }
            return result;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** The rename itself is durable only once the directory entry is on disk. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
