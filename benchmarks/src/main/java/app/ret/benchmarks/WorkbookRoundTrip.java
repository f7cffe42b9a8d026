package app.ret.benchmarks;

import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.table.CsvRowReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workbook check against a spreadsheet program, driven by {@code benchmarks/xlsx-ssconvert.sh}:
 * {@code write <xml dir> <out dir>} converts every XML file to CSV and XLSX; {@code compare <csv>
 * <exported csv>} checks that what the spreadsheet program read from the workbook is the CSV, row by
 * row (trailing empty cells aside). Exits non-zero at the first difference.
 */
public final class WorkbookRoundTrip {
    private WorkbookRoundTrip() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("write")) {
            write(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 3 && args[0].equals("compare")) {
            compare(Path.of(args[1]), Path.of(args[2]));
        } else {
            throw new IllegalArgumentException("usage: write <xml dir> <out dir> | compare <csv> <exported csv>");
        }
    }

    private static void write(Path xmlDirectory, Path out) throws IOException {
        Files.createDirectories(out);
        StaxCsvConverter converter = new StaxCsvConverter(out);
        FastexcelWorkbookWriter workbooks = new FastexcelWorkbookWriter(out);
        List<Path> xml;
        try (Stream<Path> files = Files.list(xmlDirectory)) {
            xml = files.filter(file -> file.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : xml) {
            String stem = file.getFileName().toString().replaceFirst("\\.xml$", "");
            Path csv = out.resolve(stem + ".csv");
            try (InputStream in = Files.newInputStream(file); OutputStream target = Files.newOutputStream(csv)) {
                if (!(converter.convert(in, target, ConversionOptions.DEFAULTS.withFormulaGuard(false)) instanceof ConversionSummary)) {
                    Files.delete(csv);
                    continue;
                }
            }
            try (OutputStream target = Files.newOutputStream(out.resolve(stem + ".xlsx"))) {
                workbooks.write(() -> Files.newInputStream(csv), target);
            }
        }
    }

    private static void compare(Path csv, Path exported) throws IOException {
        List<List<String>> expected = rows(csv);
        List<List<String>> actual = rows(exported);
        if (!expected.equals(actual)) {
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                List<String> e = i < expected.size() ? expected.get(i) : null;
                List<String> a = i < actual.size() ? actual.get(i) : null;
                if (e == null || !e.equals(a)) {
                    throw new IllegalStateException(csv.getFileName() + " row " + i + ": expected " + e + " but the spreadsheet read " + a);
                }
            }
        }
        System.out.println(csv.getFileName() + ": " + expected.size() + " rows equal");
    }

    private static List<List<String>> rows(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(Files.newInputStream(csv))) {
            for (Optional<List<String>> row = reader.next(); row.isPresent(); row = reader.next()) {
                List<String> values = new ArrayList<>(row.get().stream().map(value -> value.replace("\r\n", "\n")).toList());
                while (!values.isEmpty() && values.get(values.size() - 1).isEmpty()) {
                    values.remove(values.size() - 1);
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
