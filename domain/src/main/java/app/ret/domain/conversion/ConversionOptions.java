package app.ret.domain.conversion;

import java.util.Objects;

/**
 * How one XML document becomes CSV.
 *
 * @param record which elements become rows
 * @param formulaGuard prefix values that a spreadsheet would run as a formula with {@code '}
 * @param bom start the CSV with a UTF-8 byte order mark, for spreadsheet users
 */
public record ConversionOptions(RecordSelector record, boolean formulaGuard, boolean bom) {
    public static final ConversionOptions DEFAULTS = new ConversionOptions(RecordSelector.AUTO, true, false);

    public ConversionOptions {
        Objects.requireNonNull(record, "record");
    }

    public ConversionOptions withRecord(RecordSelector newRecord) {
        return new ConversionOptions(newRecord, formulaGuard, bom);
    }

    public ConversionOptions withFormulaGuard(boolean newFormulaGuard) {
        return new ConversionOptions(record, newFormulaGuard, bom);
    }

    public ConversionOptions withBom(boolean newBom) {
        return new ConversionOptions(record, formulaGuard, newBom);
    }

    /**
     * What output names carry of the options that differ from {@link #DEFAULTS}: empty for the
     * defaults, else {@code .record-<name>}, {@code .no-formula-guard}, {@code .bom} in that order.
     */
    public String nameSuffix() {
        StringBuilder suffix = new StringBuilder();
        if (record instanceof RecordSelector.ByName byName) {
            suffix.append(".record-").append(byName.localName());
        }
        if (formulaGuard != DEFAULTS.formulaGuard) {
            suffix.append(".no-formula-guard");
        }
        if (bom != DEFAULTS.bom) {
            suffix.append(".bom");
        }
        return suffix.toString();
    }

    /**
     * A stable text of every option that changes the output bytes; it takes part in the
     * conversion-cache key, so equal options always give equal text and different ones never do.
     */
    public String canonicalForm() {
        String records = record instanceof RecordSelector.ByName byName ? "element:" + byName.localName() : "auto";
        return "record=" + records
                + ";formula_guard=" + formulaGuard
                + ";bom=" + bom;
    }
}
