package app.ret.adapters.files.conversion;

/**
 * What one document may cost the converter, whatever its shape. Rows are spilled to disk, so
 * these bounds are what keeps one conversion's heap within a few tens of MiB: a document that
 * exceeds one fails with its own code instead of exhausting the memory every user's jobs share.
 */
final class ConversionBounds {
    /** Distinct element paths, attribute columns and record element names together, per document. */
    static final int MAX_COLUMNS = 10_000;
    /** Characters of those paths and names together, per document. */
    static final int MAX_COLUMN_NAME_CHARS = 1_000_000;
    /** Characters of one value: an element's own text or one attribute value. */
    static final int MAX_VALUE_CHARS = 1 << 20;
    /** Characters of all values of one record together (its row). */
    static final int MAX_RECORD_CHARS = 4 << 20;
    /**
     * Bytes (UTF-16 code units in a UTF-16 document) of one tag with its attributes, comment, CDATA
     * section, processing instruction or declaration: the parser holds each of them whole.
     */
    static final int MAX_MARKUP_UNITS = 4 << 20;

    private ConversionBounds() {
    }
}
