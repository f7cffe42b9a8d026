package app.ret.adapters.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object whose members are strings or integers — the shape of a token's claims. Reading is
 * strict (anything else is refused), and it only ever sees payloads whose signature already checked,
 * so this stays the codec's own small format instead of pulling a JSON library into every embedding host.
 */
final class FlatJsonObject {
    private final Map<String, Object> members;

    private FlatJsonObject(Map<String, Object> members) {
        this.members = members;
    }

    static Builder builder() {
        return new Builder();
    }

    Optional<String> string(String name) {
        return members.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    Optional<Long> integer(String name) {
        return members.get(name) instanceof Long value ? Optional.of(value) : Optional.empty();
    }

    static FlatJsonObject parse(byte[] json) {
        return new Reader(new String(json, StandardCharsets.UTF_8)).object();
    }

    static final class Builder {
        private final StringBuilder json = new StringBuilder("{");

        Builder put(String name, String value) {
            return member(name).quoted(value);
        }

        Builder put(String name, long value) {
            member(name).json.append(value);
            return this;
        }

        byte[] toBytes() {
            return (json + "}").getBytes(StandardCharsets.UTF_8);
        }

        private Builder member(String name) {
            if (json.length() > 1) {
                json.append(',');
            }
            return quoted(name).colon();
        }

        private Builder colon() {
            json.append(':');
            return this;
        }

        private Builder quoted(String text) {
            json.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
            return this;
        }
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        FlatJsonObject object() {
            Map<String, Object> members = new LinkedHashMap<>();
            expect('{');
            if (peek() != '}') {
                do {
                    String name = string();
                    expect(':');
                    Object value = peek() == '"' ? string() : integer();
                    if (members.put(name, value) != null) {
                        throw new IllegalArgumentException("duplicate member " + name);
                    }
                } while (accept(','));
            }
            expect('}');
            skipSpace();
            if (at != text.length()) {
                throw new IllegalArgumentException("trailing content");
            }
            return new FlatJsonObject(members);
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                value.append(c == '\\' ? escaped() : c);
            }
        }

        private char escaped() {
            char c = next();
            return switch (c) {
                case '"', '\\', '/' -> c;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    String hex = at + 4 <= text.length() ? text.substring(at, at + 4) : "";
                    if (!hex.matches("[0-9a-fA-F]{4}")) {
                        throw new IllegalArgumentException("a unicode escape needs four hex digits");
                    }
                    char decoded = (char) Integer.parseInt(hex, 16);
                    at += 4;
                    yield decoded;
                }
                default -> throw new IllegalArgumentException("bad escape");
            };
        }

        private Long integer() {
            int start = at;
            if (at < text.length() && text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            return Long.parseLong(text.substring(start, at));
        }

        private boolean accept(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("expected " + c + " at " + at);
            }
        }

        private char peek() {
            skipSpace();
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private char next() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(at++);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
