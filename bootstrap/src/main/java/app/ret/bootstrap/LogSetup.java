package app.ret.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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
        Handler handler = new ConsoleHandler();
        handler.setLevel(julLevel);
        handler.setFormatter(format.equals("json") ? new JsonLineFormatter() : new TextLineFormatter());
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

    static final class JsonLineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("{")
                    .append("\"ts\":\"").append(Instant.ofEpochMilli(record.getMillis())).append('"')
                    .append(",\"level\":\"").append(levelName(record.getLevel())).append('"')
                    .append(",\"logger\":").append(quote(record.getLoggerName()))
                    .append(",\"message\":").append(quote(formatMessage(record)));
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
