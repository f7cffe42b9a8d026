package app.ret.domain.conversion;

import app.ret.domain.user.Username;
import java.util.regex.Pattern;

/**
 * Names one conversion result by its owner and everything that determines its bytes: the user
 * it belongs to, the SHA-256 of the input, the options' canonical form and the converter's
 * version, hashed together (64 hex digits). Equal keys mean byte-identical CSVs, because
 * conversion is deterministic; the owner is part of the key so that one user's results can never
 * be found, or reveal that they exist, through another user's conversion.
 */
public record ConversionKey(String value) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ConversionKey {
        if (value == null || !SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("a conversion key is 64 lower-case hex digits");
        }
    }

    /** The text that is hashed into the key; the separator cannot occur inside its parts' values. */
    public static String material(Username owner, String inputSha256, ConversionOptions options, String converterVersion) {
        if (inputSha256 == null || !SHA256_HEX.matcher(inputSha256).matches()) {
            throw new IllegalArgumentException("the input digest is 64 lower-case hex digits");
        }
        if (converterVersion == null || converterVersion.isBlank() || converterVersion.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a converter version is one non-blank line");
        }
        return "owner=" + owner.value() + "\ninput=" + inputSha256 + "\n" + options.canonicalForm() + "\nconverter=" + converterVersion;
    }

    /** The text hashed into the key of the workbook laid out from the CSV under {@code csv} by a writer of this version. */
    public static String workbookMaterial(ConversionKey csv, String writerVersion) {
        if (writerVersion == null || writerVersion.isBlank() || writerVersion.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a writer version is one non-blank line");
        }
        return "workbook-of=" + csv.value() + "\nwriter=" + writerVersion;
    }

    @Override
    public String toString() {
        return value;
    }
}
