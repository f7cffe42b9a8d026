package app.ret.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line per event on standard error: readable text, or one JSON object per line. */
final class LogSetup {
    private LogSetup() {}

    static void configure(String level, String format) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level julLevel = switch (level) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARNING", "WARN" -> Level.WARNING;
            case "ERROR" -> Level.SEVERE;
            default -> Level.INFO;
        };
        root.setLevel(julLevel);
        Handler handler = new AsyncLineHandler(System.err, format.equals("json") ? new JsonLineFormatter() : new TextLineFormatter());
        handler.setLevel(julLevel);
        root.addHandler(handler);
    }

    private static String levelName(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (level.intValue() >= Level.WARNING.intValue()) {
            return "WARN";
        }
        return level.intValue() >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    static final class TextLineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                    .append(String.format("%-5s", levelName(record.getLevel()))).append(' ')
                    .append(shortName(record.getLoggerName())).append(' ')
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                line.append(stackTrace(record.getThrown()));
            }
            return line.toString();
        }

        private static String shortName(String logger) {
            if (logger == null) {
                return "-";
            }
            int dot = logger.lastIndexOf('.');
            return dot < 0 ? logger : logger.substring(dot + 1);
        }
    }

    /**
     * One JSON object per line. A message written as {@code name={0} other={1} ...} (the access
     * log's form) also gets each of its fields as a property of its own, numbers as numbers, so
     * a log pipeline can filter on {@code status} or {@code duration_ms} without parsing text.
     */
    static final class JsonLineFormatter extends Formatter {
        private static final Pattern FIELD = Pattern.compile("([a-z_]+)=\\{(\\d+)(?:,[^}]*)?\\}");
        private static final Pattern FIELDS_ONLY = Pattern.compile(FIELD.pattern() + "(?: " + FIELD.pattern() + ")*");

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("{")
                    .append("\"ts\":\"").append(Instant.ofEpochMilli(record.getMillis())).append('"')
                    .append(",\"level\":\"").append(levelName(record.getLevel())).append('"')
                    .append(",\"logger\":").append(quote(record.getLoggerName()))
                    .append(",\"message\":").append(quote(formatMessage(record)));
            appendFields(record, line);
            if (record.getThrown() != null) {
                line.append(",\"error\":").append(quote(stackTrace(record.getThrown())));
            }
            return line.append('}').append(System.lineSeparator()).toString();
        }

        private static void appendFields(LogRecord record, StringBuilder line) {
            Object[] parameters = record.getParameters();
            String pattern = record.getMessage();
            if (parameters == null || pattern == null || !FIELDS_ONLY.matcher(pattern).matches()) {
                return;
            }
            Matcher field = FIELD.matcher(pattern);
            while (field.find()) {
                int index = Integer.parseInt(field.group(2));
                if (index < parameters.length) {
                    line.append(',').append(quote(field.group(1))).append(':').append(jsonValue(parameters[index]));
                }
            }
        }

        private static String jsonValue(Object value) {
            if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                return Double.isFinite(number)
                        ? BigDecimal.valueOf(number).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                        : quote(Double.toString(number));
            }
            if (value instanceof Number) {
                return value.toString();
            }
            return quote(String.valueOf(value));
        }

        static String quote(String text) {
            if (text == null) {
                return "null";
            }
            StringBuilder quoted = new StringBuilder("\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\r' -> quoted.append("\\r");
                    case '\t' -> quoted.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }
}
