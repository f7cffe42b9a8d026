package app.ret.domain.comparison;

/** Two tables that cannot be compared as asked, with a stable code and a message for people. */
public record ComparisonRefusal(String code, String message) implements ComparisonOutcome {
    public static final String UNKNOWN_KEY_COLUMN = "unknown_key_column";

    public ComparisonRefusal {
        if (code == null || code.isBlank() || message == null || message.isBlank()) {
            throw new IllegalArgumentException("a refusal has a code and explains itself");
        }
    }

    public static ComparisonRefusal unknownKeyColumn(String column, String side) {
        return new ComparisonRefusal(UNKNOWN_KEY_COLUMN, "the key column \"" + column + "\" is not a column of the " + side + " file");
    }
}
