package app.ret.adapters.files.conversion;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.Converter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One conversion into memory: the result and every byte written. */
record ConversionRun(ConversionResult result, byte[] output) {
    static ConversionRun of(Converter converter, byte[] xml, ConversionOptions options) {
        return of(converter, new ByteArrayInputStream(xml), options);
    }

    static ConversionRun of(Converter converter, String xml, ConversionOptions options) {
        return of(converter, xml.getBytes(StandardCharsets.UTF_8), options);
    }

    static ConversionRun of(Converter converter, Path xml, ConversionOptions options) {
        try (InputStream in = Files.newInputStream(xml)) {
            return of(converter, in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConversionRun of(Converter converter, InputStream xml, ConversionOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            return new ConversionRun(converter.convert(xml, out, options), out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConversionSummary summary() {
        if (result instanceof ConversionSummary summary) {
            return summary;
        }
        throw new AssertionError("expected a CSV but got " + result);
    }

    ConversionFailure failure() {
        if (result instanceof ConversionFailure failure) {
            return failure;
        }
        throw new AssertionError("expected a failure but got " + result);
    }

    String csv() {
        return new String(output, StandardCharsets.UTF_8);
    }

    List<List<String>> table() {
        return CsvTestReader.parse(csv());
    }

    List<String> header() {
        return table().get(0);
    }

    List<List<String>> rows() {
        List<List<String>> table = table();
        return table.subList(1, table.size());
    }

    /** The value of one column in one data row (0 = first row after the header). */
    String value(int row, String column) {
        List<String> header = header();
        int index = header.indexOf(column);
        if (index < 0) {
            throw new AssertionError("no column " + column + " in " + header);
        }
        return rows().get(row).get(index);
    }
}
