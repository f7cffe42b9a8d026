package app.ret.adapters.files;

/**
 * Encodes one value as an RFC 4180 field in UTF-8: quoted only when it holds a comma, a quote or a
 * line break, quotes doubled, and with the formula guard a leading {@code '} before a value a
 * spreadsheet would evaluate (OWASP CSV injection).
 */
final class CsvFieldEncoder {
    private final boolean formulaGuard;

    CsvFieldEncoder(boolean formulaGuard) {
        this.formulaGuard = formulaGuard;
    }

    void encodeValue(CharSequence value, int start, int end, GrowableBytes out) {
        encode(value, start, end, formulaGuard && start < end && startsFormula(value.charAt(start)), out);
    }

    /** Column names are XML names, which cannot carry a formula payload: they are written as they are. */
    void encodeName(String name, GrowableBytes out) {
        encode(name, 0, name.length(), false, out);
    }

    private static boolean startsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static void encode(CharSequence value, int start, int end, boolean guard, GrowableBytes out) {
        boolean quoted = needsQuotes(value, start, end);
        if (quoted) {
            out.add('"');
        }
        if (guard) {
            out.add('\'');
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.add('"', '"');
            } else if (c < 0x80) {
                out.add(c);
            } else if (c < 0x800) {
                out.add(0xC0 | (c >> 6), 0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out.add(0xF0 | (codePoint >> 18), 0x80 | ((codePoint >> 12) & 0x3F));
                out.add(0x80 | ((codePoint >> 6) & 0x3F), 0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out.add('?');
            } else {
                out.add(0xE0 | (c >> 12));
                out.add(0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
            }
        }
        if (quoted) {
            out.add('"');
        }
    }

    private static boolean needsQuotes(CharSequence value, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
