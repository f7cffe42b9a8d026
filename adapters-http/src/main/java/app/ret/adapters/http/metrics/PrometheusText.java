package app.ret.adapters.http.metrics;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** Builds the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final Comparator<List<String>> LABEL_ORDER = (left, right) -> {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = left.get(i).compareTo(right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    };

    private final StringBuilder text = new StringBuilder(4096);

    void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A metric without labels: its family line and its one sample. */
    void single(String name, String type, String help, double value) {
        family(name, type, help);
        sample(name, List.of(), List.of(), value);
    }

    void sample(String name, List<String> labelNames, List<String> labelValues, double value) {
        text.append(name);
        if (!labelNames.isEmpty()) {
            text.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(labelNames.get(i)).append("=\"").append(escapeLabel(labelValues.get(i))).append('"');
            }
            text.append('}');
        }
        text.append(' ').append(number(value)).append('\n');
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
