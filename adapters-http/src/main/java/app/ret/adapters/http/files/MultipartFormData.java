package app.ret.adapters.http.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578): one part after another, each
 * part's content an {@link InputStream} that ends at the next boundary, so a part of any size is
 * never held in memory. A part must be read to its end (or skipped by {@link #next()}) before the
 * next one. Malformed bodies are {@link Malformed}.
 */
final class MultipartFormData {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream body;
    /** {@code CRLF--boundary}: the delimiter before every part but the first and before the end. */
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean sourceEnded;
    private boolean finished;
    private boolean preambleSkipped;
    private PartContent current;

    /** One part: its file name when it is a file part, and its bytes. */
    record Part(Optional<String> fileName, InputStream content) {}

    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    MultipartFormData(InputStream body, String boundary) {
        this.body = body;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[Math.max(BUFFER_BYTES, delimiter.length * 4)];
        // The first boundary has no CRLF before it: pretend it had, so every delimiter looks alike.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** The boundary parameter of a {@code multipart/form-data} Content-Type; empty for any other type. */
    static Optional<String> boundaryOf(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
            return Optional.empty();
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = unquote(parameter.substring("boundary=".length()).trim());
                if (!value.isEmpty() && value.length() <= 70) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.of("");
    }

    /** The next part, after skipping what is left of the current one; empty after the closing boundary. */
    Optional<Part> next() throws IOException {
        if (current != null) {
            current.skipRest();
            current = null;
        } else if (!preambleSkipped) {
            // what comes before the first delimiter is no part
            new PartContent().skipRest();
            preambleSkipped = true;
        }
        if (finished) {
            return Optional.empty();
        }
        Map<String, String> headers = readHeaders();
        current = new PartContent();
        return Optional.of(new Part(fileName(headers.getOrDefault("content-disposition", "")), current));
    }

    /** After a delimiter: {@code --} closes the body, otherwise (transport padding and) CRLF opens a part. */
    private void afterDelimiter() throws IOException {
        fill(2);
        if (limit - position >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return;
        }
        while (true) {
            fill(1);
            if (position == limit) {
                throw new Malformed("The multipart body ends inside a boundary line.");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return;
            }
            if (b != ' ' && b != '\t' && b != '\r') {
                throw new Malformed("A multipart boundary line has extra characters.");
            }
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        int read = 0;
        while (true) {
            fill(1);
            if (position == limit) {
                throw new Malformed("The multipart body ends inside a part's headers.");
            }
            byte b = buffer[position++];
            if (++read > MAX_HEADER_BYTES) {
                throw new Malformed("A part's headers are longer than " + MAX_HEADER_BYTES + " bytes.");
            }
            if (b != '\n') {
                line.append((char) (b & 0xff));
                continue;
            }
            String text = line.toString().strip();
            line.setLength(0);
            if (text.isEmpty()) {
                return headers;
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        new String(text.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code filename*=UTF-8''…} (RFC 5987) wins over {@code filename="…"}; a part without either is no file. */
    static Optional<String> fileName(String contentDisposition) {
        Optional<String> plain = Optional.empty();
        for (String parameter : splitParameters(contentDisposition)) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = parameter.substring(equals + 1).trim();
            if (name.equals("filename*")) {
                int quote = value.indexOf("''");
                if (quote > 0 && value.substring(0, quote).equalsIgnoreCase("UTF-8")) {
                    return Optional.of(URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            } else if (name.equals("filename")) {
                plain = Optional.of(unquote(value));
            }
        }
        return plain.filter(value -> !value.isEmpty());
    }

    /** Splits at the semicolons that are not inside a quoted string. */
    private static List<String> splitParameters(String header) {
        List<String> parameters = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '\\' && quoted && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == ';' && !quoted) {
                parameters.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parameters.add(current.toString());
        return parameters;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder unquoted = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            unquoted.append(c);
        }
        return unquoted.toString();
    }

    /** Makes at least {@code wanted} unread bytes available, unless the body ends first. */
    private void fill(int wanted) throws IOException {
        if (limit - position >= wanted || sourceEnded) {
            return;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit - position < wanted) {
            int read = body.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                sourceEnded = true;
                return;
            }
            limit += read;
        }
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = position; i <= limit - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The bytes of one part, up to the delimiter that ends it. */
    private final class PartContent extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            fill(delimiter.length + 1);
            int found = indexOfDelimiter();
            int available;
            if (found == position) {
                position += delimiter.length;
                ended = true;
                afterDelimiter();
                return -1;
            } else if (found > position) {
                available = found - position;
            } else if (sourceEnded) {
                throw new Malformed("The multipart body ends before its closing boundary.");
            } else {
                available = limit - position - (delimiter.length - 1);
            }
            int count = Math.min(length, available);
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
