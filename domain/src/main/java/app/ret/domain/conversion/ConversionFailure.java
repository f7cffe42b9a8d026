package app.ret.domain.conversion;

import java.util.Objects;

/** A document that was not converted, with a stable code and a message for people. */
public record ConversionFailure(ConversionFailureCode code, String message) implements ConversionResult {
    public ConversionFailure {
        Objects.requireNonNull(code, "code");
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a failure explains itself");
        }
    }

    /** Malformed or refused XML; the message starts with where the parser stopped. */
    public static ConversionFailure invalidXml(int line, int column, String detail) {
        return new ConversionFailure(
                ConversionFailureCode.INVALID_XML, "line " + line + ", column " + column + ": " + detail);
    }

    public static ConversionFailure noRecords(RecordSelector selector) {
        String what = selector instanceof RecordSelector.ByName byName
                ? "no element named \"" + byName.localName() + "\""
                : "the root element has no element children";
        return new ConversionFailure(ConversionFailureCode.NO_RECORDS, "no records found: " + what);
    }
}
