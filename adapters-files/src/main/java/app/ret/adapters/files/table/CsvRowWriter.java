package app.ret.adapters.files.table;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes rows as the conversions do (RFC 4180, UTF-8, CRLF), with the formula guard always on:
 * a value starting with {@code = + - @} TAB or CR gets a leading {@code '}. Counts the bytes.
 */
public final class CsvRowWriter {
    private final CountingOutputStream counted;
    private final Writer out;

    public CsvRowWriter(OutputStream out) {
        this.counted = new CountingOutputStream(out);
        this.out = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), 1 << 16);
    }

    public void row(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            field(values.get(i));
        }
        out.write("\r\n");
    }

    /** Flushes (leaving the stream open) and returns the bytes written. */
    public long finish() throws IOException {
        out.flush();
        return counted.count();
    }

    private void field(String value) throws IOException {
        boolean quoted = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
        if (quoted) {
            out.write('"');
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            out.write('\'');
        }
        out.write(quoted ? value.replace("\"", "\"\"") : value);
        if (quoted) {
            out.write('"');
        }
    }
}
