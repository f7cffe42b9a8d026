package app.ret.domain.conversion;

import java.util.Locale;

/** Why a document was not converted; the wire names are stable and reach API clients. */
public enum ConversionFailureCode {
    INVALID_XML,
    NO_RECORDS,
    /** More distinct paths, column names or record names than one CSV may have. */
    TOO_MANY_COLUMNS,
    /** One value (an element's text or an attribute) longer than a value may be. */
    VALUE_TOO_LARGE,
    /** The values of one record together longer than a row may be. */
    RECORD_TOO_LARGE,
    /** One tag, comment, CDATA section, processing instruction or declaration longer than the parser may hold. */
    MARKUP_TOO_LARGE,
    /** An Excel sheet holds at most 16,384 columns; the CSV of this file has more. */
    TOO_MANY_COLUMNS_FOR_XLSX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
