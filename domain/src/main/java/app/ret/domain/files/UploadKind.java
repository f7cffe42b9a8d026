package app.ret.domain.files;

/** What an upload's first bytes say it is, whatever its name or declared type claims. */
public enum UploadKind {
    XML,
    ZIP,
    UNKNOWN;

    /** How many leading bytes {@link #sniff(byte[])} looks at. */
    public static final int HEAD_BYTES = 512;

    /**
     * A ZIP starts with a local file header ({@code PK\3\4}) or, when empty, the end record
     * ({@code PK\5\6}). XML starts, after an optional byte order mark and white space, with
     * {@code <} followed by {@code ?}, {@code !} or a name — in UTF-8 or UTF-16 either way round.
     */
    public static UploadKind sniff(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return ZIP;
        }
        return looksLikeXml(head) ? XML : UNKNOWN;
    }

    private static boolean looksLikeXml(byte[] head) {
        int step = 1;
        int offset = 0;
        int lowByte = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            offset = 3;
        } else if (startsWith(head, 0xFE, 0xFF) || startsWith(head, 0x00, '<')) {
            step = 2;
            offset = startsWith(head, 0xFE, 0xFF) ? 2 : 0;
            lowByte = 1;
        } else if (startsWith(head, 0xFF, 0xFE) || startsWith(head, '<', 0x00)) {
            step = 2;
            offset = startsWith(head, 0xFF, 0xFE) ? 2 : 0;
        }
        int position = offset;
        while (position + step <= head.length && isWhiteSpace(charAt(head, position, step, lowByte))) {
            position += step;
        }
        if (position + 2 * step > head.length || charAt(head, position, step, lowByte) != '<') {
            return false;
        }
        int next = charAt(head, position + step, step, lowByte);
        return next == '?' || next == '!' || next == '_' || next == ':' || Character.isLetter(next) || next >= 0x80;
    }

    /** The code unit at {@code position}: one byte, or two of which {@code lowByte} holds the ASCII value. */
    private static int charAt(byte[] head, int position, int step, int lowByte) {
        if (step == 1) {
            return head[position] & 0xFF;
        }
        int other = head[position + 1 - lowByte] & 0xFF;
        int value = head[position + lowByte] & 0xFF;
        return other == 0 ? value : 0x100 + value;
    }

    private static boolean isWhiteSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
