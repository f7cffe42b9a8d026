package app.ret.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code wrk} load generator and reads its summary (requests/s, latency percentiles, errors). */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    record Result(double requestsPerSecond, long requests, double p50Millis, double p90Millis, double p99Millis,
                  long non2xx, long socketErrors, String output) {}

    private Wrk() {}

    static Result run(URI url, int threads, int connections, Duration duration, Map<String, String> headers) {
        return run(url, threads, connections, duration, headers, Optional.empty());
    }

    /** As {@link #run(URI, int, int, Duration, Map)}, with the requests made by a Lua {@code script} (other methods, bodies, paths). */
    static Result run(URI url, int threads, int connections, Duration duration, Map<String, String> headers, Optional<Path> script) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "10s"));
        headers.forEach((name, value) -> {
            command.add("-H");
            command.add(name + ": " + value);
        });
        script.ifPresent(lua -> {
            command.add("-s");
            command.add(lua.toString());
        });
        command.add(url.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk (benchmarks/*.sh install it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String output) {
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2));
            double millis = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "ms" -> value;
                default -> value * 1000;
            };
            switch (percentile.group(1)) {
                case "50" -> p50 = millis;
                case "90" -> p90 = millis;
                case "99" -> p99 = millis;
                default -> { }
            }
        }
        long socketErrors = 0;
        Matcher errors = SOCKET_ERRORS.matcher(output);
        if (errors.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(errors.group(group));
            }
        }
        return new Result(number(RATE, output), (long) number(TOTAL, output), p50, p90, p99,
                (long) numberOr(NON_2XX, output, 0), socketErrors, output);
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected wrk output: " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double numberOr(Pattern pattern, String output, double fallback) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : fallback;
    }
}
