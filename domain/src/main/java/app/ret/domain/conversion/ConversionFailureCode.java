package app.ret.domain.conversion;

import java.util.Locale;

/** Why a document was not converted; the wire names are stable and reach API clients. */
public enum ConversionFailureCode {
    INVALID_XML,
    NO_RECORDS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
