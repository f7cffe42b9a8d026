package app.ret.domain.conversion;

import java.util.Locale;

/** Why a document was not converted; the wire names are stable and reach API clients. */
public enum ConversionFailureCode {
    INVALID_XML,
    NO_RECORDS,
    /** An Excel sheet holds at most 16,384 columns; the CSV of this file has more. */
    TOO_MANY_COLUMNS_FOR_XLSX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
