package app.ret.ports.out;

import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Turns one XML document into CSV, streaming, with the rules of the conversion specification. */
public interface Converter {
    /**
     * Reads {@code xml} to its end and writes the CSV to {@code csv} only when the result is a
     * summary: a refused document leaves {@code csv} untouched. Neither stream is closed.
     *
     * @throws IOException when reading the input or writing the output fails (not for bad XML)
     */
    ConversionResult convert(InputStream xml, OutputStream csv, ConversionOptions options) throws IOException;

    /** Changes whenever the same input and options could give different bytes; part of the cache key. */
    String version();
}
