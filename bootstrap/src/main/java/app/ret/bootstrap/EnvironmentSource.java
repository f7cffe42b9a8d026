package app.ret.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings from a {@code .env} file overlaid by the real environment (the environment wins). */
final class EnvironmentSource {
    private EnvironmentSource() {}

    static Map<String, String> load(Path dotEnv, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        if (Files.isRegularFile(dotEnv)) {
            try {
                merged.putAll(parseDotEnv(Files.readAllLines(dotEnv, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dotEnv.getFileName(), e);
            }
        }
        merged.putAll(environment);
        return merged;
    }

    static Map<String, String> parseDotEnv(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).trim();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(".env line " + number, "expected NAME=value");
            }
            values.put(line.substring(0, equals).trim(), unquote(line.substring(equals + 1).trim()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
