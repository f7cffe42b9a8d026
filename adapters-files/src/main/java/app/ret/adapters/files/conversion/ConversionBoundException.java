package app.ret.adapters.files.conversion;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import java.io.IOException;

/**
 * A document went past one of the {@link ConversionBounds}. An {@code IOException} so that the
 * markup guard can throw it through the parser, which records it as its source's failure.
 */
final class ConversionBoundException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final int NAME_SHOWN = 80;

    private final transient ConversionFailure failure;

    private ConversionBoundException(ConversionFailureCode code, String message) {
        super(message);
        this.failure = new ConversionFailure(code, message);
    }

    ConversionFailure failure() {
        return failure;
    }

    static ConversionBoundException tooManyColumns(String name) {
        return new ConversionBoundException(ConversionFailureCode.TOO_MANY_COLUMNS, "more than " + ConversionBounds.MAX_COLUMNS
                + " distinct columns, paths or record names, or more than " + ConversionBounds.MAX_COLUMN_NAME_CHARS
                + " characters of them (at \"" + shown(name) + "\")");
    }

    static ConversionBoundException valueTooLarge(String column) {
        return new ConversionBoundException(ConversionFailureCode.VALUE_TOO_LARGE,
                "a value of column \"" + shown(column) + "\" is longer than " + ConversionBounds.MAX_VALUE_CHARS + " characters");
    }

    static ConversionBoundException recordTooLarge(long record) {
        return new ConversionBoundException(ConversionFailureCode.RECORD_TOO_LARGE,
                "record " + record + " holds more than " + ConversionBounds.MAX_RECORD_CHARS + " characters of values");
    }

    static ConversionBoundException markupTooLarge(long offset) {
        return new ConversionBoundException(ConversionFailureCode.MARKUP_TOO_LARGE, "a tag, comment, CDATA section or processing"
                + " instruction starting near byte " + offset + " is longer than " + ConversionBounds.MAX_MARKUP_UNITS + " bytes");
    }

    private static String shown(String name) {
        return name.length() <= NAME_SHOWN ? name : name.substring(0, NAME_SHOWN) + "…";
    }
}
