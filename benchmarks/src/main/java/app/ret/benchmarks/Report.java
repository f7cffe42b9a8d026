package app.ret.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The printed table of a harness and its {@code benchmarks/results/<id>.json}: the measurements
 * (rows), then each target of TARGETS.md it checks with the figure, the target and whether it held.
 */
final class Report {
    private final String id;
    private final String title;
    private final double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    private final List<String> columns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final ObjectNode details = ApiClient.JSON.createObjectNode();

    record Target(String measure, String value, String target, boolean met) {}

    Report(String id, String title) {
        this.id = id;
        this.title = title;
    }

    Report columns(String... names) {
        columns.addAll(Arrays.asList(names));
        return this;
    }

    Report row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row needs " + columns.size() + " cells");
        }
        rows.add(Arrays.stream(cells).map(Report::cell).toList());
        return this;
    }

    Report target(String measure, String value, String target, boolean met) {
        targets.add(new Target(measure, value, target, met));
        return this;
    }

    ObjectNode details() {
        return details;
    }

    static String cell(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Math.abs(number) >= 100 ? String.format(Locale.ROOT, "%.0f", number) : String.format(Locale.ROOT, "%.2f", number);
        }
        return String.valueOf(value);
    }

    /** Prints the tables and writes {@code <results>/<id>.json}; true when every target held. */
    boolean printAndWrite(Path results) {
        System.out.println();
        System.out.println(id + " " + title);
        printTable(columns, rows);
        System.out.println();
        List<List<String>> targetRows = new ArrayList<>();
        for (Target target : targets) {
            targetRows.add(List.of(target.measure(), target.value(), target.target(), target.met() ? "met" : "NOT MET"));
        }
        printTable(List.of("target (TARGETS.md " + id + ")", "measured", "target", "result"), targetRows);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "load average %.1f before, %.1f after; %d cores; JDK %s%n", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        write(results.resolve(id + ".json"), loadAfter);
        return targets.stream().allMatch(Target::met);
    }

    private static void printTable(List<String> header, List<List<String>> body) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : body) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(header, widths);
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('|');
        }
        System.out.println(rule);
        body.forEach(row -> printRow(row, widths));
    }

    private static void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ').append(String.format("%-" + widths[i] + "s", cells.get(i))).append(" |");
        }
        System.out.println(line);
    }

    private void write(Path file, double loadAfter) {
        ObjectNode json = ApiClient.JSON.createObjectNode();
        json.put("id", id);
        json.put("what", title);
        json.put("measured_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("jdk", System.getProperty("java.version"));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("load_average_before", loadBefore);
        json.put("load_average_after", loadAfter);
        ArrayNode table = json.putArray("table");
        for (List<String> row : rows) {
            ObjectNode entry = table.addObject();
            for (int i = 0; i < columns.size(); i++) {
                entry.put(columns.get(i), row.get(i));
            }
        }
        ArrayNode checked = json.putArray("targets");
        for (Target target : targets) {
            checked.addObject().put("measure", target.measure()).put("measured", target.value())
                    .put("target", target.target()).put("met", target.met());
        }
        json.put("all_targets_met", targets.stream().allMatch(Target::met));
        json.set("details", details);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("written " + file);
    }
}
