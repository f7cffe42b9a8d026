package app.ret.adapters.files.conversion;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader written for the tests, independent of the converter: every record ends
 * with CRLF, a quote may only open a field, and an unquoted field holds no quote or line break.
 */
final class CsvTestReader {
    private final String text;
    private int position;

    private CsvTestReader(String text) {
        this.text = text;
    }

    static List<List<String>> parse(String csv) {
        return new CsvTestReader(csv).records();
    }

    private List<List<String>> records() {
        List<List<String>> records = new ArrayList<>();
        while (position < text.length()) {
            records.add(record());
        }
        return records;
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(text.startsWith("\"", position) ? quotedField() : plainField());
            if (text.startsWith(",", position)) {
                position++;
            } else if (text.startsWith("\r\n", position)) {
                position += 2;
                return fields;
            } else {
                throw new IllegalArgumentException("expected , or CRLF at offset " + position);
            }
        }
    }

    private String quotedField() {
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position >= text.length()) {
                throw new IllegalArgumentException("unterminated quoted field");
            }
            char c = text.charAt(position++);
            if (c != '"') {
                value.append(c);
            } else if (text.startsWith("\"", position)) {
                value.append('"');
                position++;
            } else {
                return value.toString();
            }
        }
    }

    private String plainField() {
        int start = position;
        while (position < text.length() && text.charAt(position) != ',' && text.charAt(position) != '\r') {
            char c = text.charAt(position);
            if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("unquoted field holds a quote or a line feed at offset " + position);
            }
            position++;
        }
        return text.substring(start, position);
    }
}
