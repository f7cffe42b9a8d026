package app.ret.adapters.files.conversion;

/**
 * Encodes one value as an RFC 4180 field in UTF-8: quoted only when it holds a comma, a quote or a
 * line break, quotes doubled, and with the formula guard a leading {@code '} before a value a
 * spreadsheet would evaluate (OWASP CSV injection).
 */
final class CsvFieldEncoder {
    /** Per char at most 3 bytes (a doubled quote takes 2, a surrogate pair 4 for 2 chars). */
    private static final int MAX_BYTES_PER_CHAR = 3;
    /** Opening quote, guard and closing quote. */
    private static final int MAX_EXTRA_BYTES = 3;

    private final boolean formulaGuard;

    CsvFieldEncoder(boolean formulaGuard) {
        this.formulaGuard = formulaGuard;
    }

    void encodeValue(char[] value, int start, int end, GrowableBytes out) {
        encode(value, start, end, formulaGuard && start < end && startsFormula(value[start]), out);
    }

    /** Column names are XML names, which cannot carry a formula payload: they are written as they are. */
    void encodeName(String name, GrowableBytes out) {
        encode(name.toCharArray(), 0, name.length(), false, out);
    }

    private static boolean startsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static void encode(char[] value, int start, int end, boolean guard, GrowableBytes out) {
        boolean quoted = needsQuotes(value, start, end);
        byte[] bytes = out.reserve((long) MAX_BYTES_PER_CHAR * (end - start) + MAX_EXTRA_BYTES);
        int at = out.size();
        if (quoted) {
            bytes[at++] = '"';
        }
        if (guard) {
            bytes[at++] = '\'';
        }
        for (int i = start; i < end; i++) {
            char c = value[i];
            if (c < 0x80) {
                if (c == '"') {
                    bytes[at++] = '"';
                }
                bytes[at++] = (byte) c;
            } else if (c < 0x800) {
                bytes[at++] = (byte) (0xC0 | (c >> 6));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value[i + 1])) {
                int codePoint = Character.toCodePoint(c, value[++i]);
                bytes[at++] = (byte) (0xF0 | (codePoint >> 18));
                bytes[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                bytes[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                bytes[at++] = '?';
            } else {
                bytes[at++] = (byte) (0xE0 | (c >> 12));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        if (quoted) {
            bytes[at++] = '"';
        }
        out.grownTo(at);
    }

    private static boolean needsQuotes(char[] value, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = value[i];
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
