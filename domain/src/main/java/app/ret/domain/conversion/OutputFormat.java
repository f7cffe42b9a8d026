package app.ret.domain.conversion;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a conversion writes for each input: the CSV of CONVERSION.md, an Excel workbook of the same table, or both. */
public enum OutputFormat {
    CSV,
    XLSX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file extension of the output, which is also its wire name. */
    public String extension() {
        return wireName();
    }

    public static Optional<OutputFormat> parse(String wireName) {
        return Arrays.stream(values()).filter(format -> format.wireName().equals(wireName)).findFirst();
    }
}
