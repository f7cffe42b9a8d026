package app.ret.domain.conversion;

import java.util.Objects;
import java.util.regex.Pattern;

/** Which elements of a document become CSV rows. */
public sealed interface RecordSelector permits RecordSelector.Auto, RecordSelector.ByName {
    String AUTO_WIRE_VALUE = "auto";

    Auto AUTO = new Auto();

    /** The text a client sends: {@code "auto"} or an element local name. */
    String wireValue();

    /** {@code "auto"} selects automatically; anything else names the record element. */
    static RecordSelector parse(String wireValue) {
        Objects.requireNonNull(wireValue, "record");
        return AUTO_WIRE_VALUE.equals(wireValue) ? AUTO : new ByName(wireValue);
    }

    /**
     * The root's element children; when a name repeats among them, only the children with the most
     * frequent repeated name (ties: the one seen first).
     */
    record Auto() implements RecordSelector {
        @Override
        public String wireValue() {
            return AUTO_WIRE_VALUE;
        }
    }

    /** Every element with this local name at any depth, except those nested inside another record. */
    record ByName(String localName) implements RecordSelector {
        private static final int MAX_NAME_LENGTH = 1000;
        private static final Pattern LOCAL_NAME =
                Pattern.compile("[\\p{L}_][\\p{L}\\p{M}\\p{N}._\\-\\u00B7]*");

        public ByName {
            if (localName == null
                    || localName.length() > MAX_NAME_LENGTH
                    || !LOCAL_NAME.matcher(localName).matches()) {
                throw new IllegalArgumentException("record must be \"auto\" or an XML local name without prefix");
            }
        }

        @Override
        public String wireValue() {
            return localName;
        }
    }
}
