package app.ret.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * HikariCP logs each failed connection attempt with a stack trace. RET reports the same failures
     * in one line of its own (at start-up naming RET_DATABASE_URL, per refused request, in /readyz),
     * so the pool speaks only when LOG_LEVEL is DEBUG or TRACE. Held here: JUL keeps loggers weakly.
     */
    private static final Logger CONNECTION_POOL = Logger.getLogger("com.zaxxer.hikari");

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
        CONNECTION_POOL.setLevel(julLevel.intValue() <= Level.FINE.intValue() ? julLevel : Level.OFF);
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

    private static String padded(String level) {
        return level.length() >= 5 ? level : level + " ".repeat(5 - level.length());
    }

    /** The record's message: field messages rendered directly, anything else by the JDK's MessageFormat. */
    private static String message(Formatter formatter, LogRecord record) {
        FieldMessage fields = FieldMessage.of(record);
        return fields == null ? formatter.formatMessage(record) : fields.text(record.getParameters());
    }

    /**
     * A message pattern made only of {@code name={index}} pairs, as the access line is written,
     * parsed once and rendered without {@link java.text.MessageFormat} (which parses its pattern on
     * every call and cost about a sixth of a small request's time under load; ADR 0007). Numbers
     * are written plainly, decimals with at most three places.
     */
    record FieldMessage(List<String> names, List<Integer> indexes) {
        private static final Pattern FIELD = Pattern.compile("([a-z_]+)=\\{(\\d+)(?:,[^}]*)?\\}");
        private static final Pattern FIELDS_ONLY = Pattern.compile(FIELD.pattern() + "(?: " + FIELD.pattern() + ")*");
        private static final Map<String, FieldMessage> PARSED = new ConcurrentHashMap<>();

        /** The parsed pattern, or null when the record's message is not made of fields. */
        static FieldMessage of(LogRecord record) {
            String pattern = record.getMessage();
            if (record.getParameters() == null || pattern == null || !pattern.contains("={")) {
                return null;
            }
            FieldMessage parsed = PARSED.get(pattern);
            if (parsed == null && FIELDS_ONLY.matcher(pattern).matches()) {
                List<String> names = new ArrayList<>();
                List<Integer> indexes = new ArrayList<>();
                Matcher field = FIELD.matcher(pattern);
                while (field.find()) {
                    names.add(field.group(1));
                    indexes.add(Integer.parseInt(field.group(2)));
                }
                parsed = new FieldMessage(List.copyOf(names), List.copyOf(indexes));
                PARSED.put(pattern, parsed);
            }
            return parsed;
        }

        String text(Object[] parameters) {
            StringBuilder text = new StringBuilder(128);
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    text.append(' ');
                }
                text.append(names.get(i)).append('=').append(plain(parameter(parameters, i)));
            }
            return text.toString();
        }

        void appendJson(Object[] parameters, StringBuilder line) {
            for (int i = 0; i < names.size(); i++) {
                Object value = parameter(parameters, i);
                line.append(',').append(JsonLineFormatter.quote(names.get(i))).append(':')
                        .append(value instanceof Number && isFinite((Number) value) ? plain(value) : JsonLineFormatter.quote(plain(value)));
            }
        }

        private Object parameter(Object[] parameters, int field) {
            int index = indexes.get(field);
            return index < parameters.length ? parameters[index] : null;
        }

        private static boolean isFinite(Number number) {
            return !(number instanceof Double || number instanceof Float) || Double.isFinite(number.doubleValue());
        }

        private static String plain(Object value) {
            if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
                return BigDecimal.valueOf(((Number) value).doubleValue()).setScale(3, RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString();
            }
            return String.valueOf(value);
        }
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
                    .append(padded(levelName(record.getLevel()))).append(' ')
                    .append(shortName(record.getLoggerName())).append(' ')
                    .append(message(this, record)).append(System.lineSeparator());
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

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("{")
                    .append("\"ts\":\"").append(Instant.ofEpochMilli(record.getMillis())).append('"')
                    .append(",\"level\":\"").append(levelName(record.getLevel())).append('"')
                    .append(",\"logger\":").append(quote(record.getLoggerName()))
                    .append(",\"message\":").append(quote(message(this, record)));
            FieldMessage fields = FieldMessage.of(record);
            if (fields != null) {
                fields.appendJson(record.getParameters(), line);
            }
            if (record.getThrown() != null) {
                line.append(",\"error\":").append(quote(stackTrace(record.getThrown())));
            }
            return line.append('}').append(System.lineSeparator()).toString();
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
