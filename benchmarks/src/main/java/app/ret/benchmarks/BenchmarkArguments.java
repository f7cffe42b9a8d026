package app.ret.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} pairs of a harness's command line, with defaults. */
final class BenchmarkArguments {
    private final Map<String, String> values = new HashMap<>();

    BenchmarkArguments(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    Path path(String name, String fallback) {
        return Path.of(values.getOrDefault(name, fallback)).toAbsolutePath().normalize();
    }

    /** A path given on the command line, if it was given. */
    Optional<Path> optionalPath(String name) {
        return Optional.ofNullable(values.get(name)).map(value -> Path.of(value).toAbsolutePath().normalize());
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path jar() {
        return path("jar", "bootstrap/target/ret.jar");
    }

    Path results() {
        return path("results", "benchmarks/results");
    }
}
