package app.ret.adapters.files.conversion;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every markup construct before the parser sees it. The JDK parser hands text over in
 * chunks but holds a whole start tag (with its attribute values), comment, CDATA section,
 * processing instruction or declaration in memory; this stream fails once any one of them is
 * longer than {@link ConversionBounds#MAX_MARKUP_UNITS}. It reads ASCII-compatible encodings byte
 * by byte (markup characters are single bytes in UTF-8 and ISO-8859-*) and UTF-16 by code unit,
 * told apart by the first two bytes as XML's encoding detection does.
 */
final class MarkupLengthGuard extends FilterInputStream {
    private enum State { TEXT, OPENED, BANG, TAG, COMMENT, CDATA, PROCESSING_INSTRUCTION, DECLARATION }

    private enum Width { UNDECIDED, BYTES, UTF16_BE, UTF16_LE }

    private final int maxUnits;
    private Width width = Width.UNDECIDED;
    private int firstByte = -1;
    private int pendingByte = -1;
    private State state = State.TEXT;
    private long markupUnits;
    private int quote;
    private int bracketDepth;
    private int previous;
    private int beforePrevious;
    private long offset;
    private long markupStart;

    MarkupLengthGuard(InputStream source) {
        this(source, ConversionBounds.MAX_MARKUP_UNITS);
    }

    MarkupLengthGuard(InputStream source, int maxUnits) {
        super(source);
        this.maxUnits = maxUnits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            observe(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int start, int length) throws IOException {
        int read = super.read(buffer, start, length);
        for (int i = start; i < start + read; i++) {
            observe(buffer[i] & 0xFF);
        }
        return read;
    }

    /** Skipping would hide bytes from the guard; the parser never skips. */
    @Override
    public long skip(long n) throws IOException {
        return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void observe(int b) throws ConversionBoundException {
        offset++;
        switch (width) {
            case BYTES -> unit(b, offset);
            case UNDECIDED -> decide(b);
            default -> {
                if (pendingByte < 0) {
                    pendingByte = b;
                } else {
                    unit(width == Width.UTF16_BE ? pendingByte << 8 | b : b << 8 | pendingByte, offset - 1);
                    pendingByte = -1;
                }
            }
        }
    }

    private void decide(int b) throws ConversionBoundException {
        if (firstByte < 0) {
            firstByte = b;
            return;
        }
        if ((firstByte == 0xFE && b == 0xFF) || (firstByte == 0x00 && b == '<')) {
            width = Width.UTF16_BE;
            unit(firstByte << 8 | b, 1);
        } else if ((firstByte == 0xFF && b == 0xFE) || (firstByte == '<' && b == 0x00)) {
            width = Width.UTF16_LE;
            unit(b << 8 | firstByte, 1);
        } else {
            width = Width.BYTES;
            unit(firstByte, 1);
            unit(b, 2);
        }
    }

    /** One character of markup interest; {@code position} is the 1-based offset of its first byte. */
    private void unit(int c, long position) throws ConversionBoundException {
        if (state == State.TEXT) {
            if (c == '<') {
                state = State.OPENED;
                markupUnits = 1;
                markupStart = position;
                previous = 0;
                beforePrevious = 0;
            }
            return;
        }
        if (++markupUnits > maxUnits) {
            throw ConversionBoundException.markupTooLarge(markupStart);
        }
        switch (state) {
            case OPENED -> state = c == '!' ? State.BANG : c == '?' ? State.PROCESSING_INSTRUCTION : State.TAG;
            case BANG -> {
                state = c == '-' ? State.COMMENT : c == '[' ? State.CDATA : State.DECLARATION;
                bracketDepth = 0;
            }
            case TAG -> {
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    state = State.TEXT;
                }
            }
            case COMMENT -> endsAfterTwo('-', c);
            case CDATA -> endsAfterTwo(']', c);
            case PROCESSING_INSTRUCTION -> {
                if (c == '>' && previous == '?') {
                    state = State.TEXT;
                }
            }
            case DECLARATION -> {
                bracketDepth += c == '[' ? 1 : c == ']' ? -1 : 0;
                if (c == '>' && bracketDepth <= 0) {
                    state = State.TEXT;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
        beforePrevious = previous;
        previous = c;
    }

    private void endsAfterTwo(int closer, int c) {
        if (c == '>' && previous == closer && beforePrevious == closer) {
            state = State.TEXT;
        }
    }
}
