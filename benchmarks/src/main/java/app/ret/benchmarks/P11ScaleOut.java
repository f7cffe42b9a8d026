package app.ret.benchmarks;

import app.ret.adapters.postgres.testing.PostgresServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * P11: authenticated state GET and PUT through 1, 2 and 3 instances of the jar on one PostgreSQL
 * (fsync on): one wrk per instance, all at once, the same total connections split between them;
 * requests/s summed, p99 the worst instance's. Each round starts the instances afresh for each
 * count, so the counts alternate under the same background load; medians of the rounds.
 * Arguments: {@code --jar --results --duration SECONDS --rounds N --connections TOTAL}.
 */
public final class P11ScaleOut {
    private static final String VALUE = "{\"theme\":\"dark\",\"recent\":[\"input/a.xml\",\"input/b.xml\"],\"page\":3}";
    private static final String GET_PATH = "/api/session/state/bench";
    private static final int KEYS_PER_INSTANCE = 64;

    private P11ScaleOut() {}

    /** One wrk run per instance at once: the sum of their rates, the worst p99. */
    record Combined(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx, long socketErrors) {}

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration duration = Duration.ofSeconds(arguments.integer("duration", 10));
        int rounds = arguments.integer("rounds", 3);
        int connections = arguments.integer("connections", 24);
        Report report = new Report("P11", "scale-out: authenticated state GET and PUT (" + KEYS_PER_INSTANCE + " keys per instance)"
                + " through 1, 2, 3 instances on one PostgreSQL (fsync on); one wrk -t1 per instance at once, " + connections
                + " connections in all, " + duration.toSeconds() + " s each, " + rounds + " rounds (instances started afresh per count)");
        report.columns("round", "instances", "request", "requests/s", "p50 ms", "p99 ms", "non-2xx", "socket errors");
        Path work = Files.createTempDirectory("ret-p11-");
        PostgresServer postgres = PostgresServer.startDurable();
        Map<String, List<Combined>> runs = new LinkedHashMap<>();
        List<Double> loads = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int count = 1; count <= 3; count++) {
                loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                try (RetInstances instances = RetInstances.start(arguments.jar(), postgres, count, work.resolve("r" + round + "-n" + count), Map.of())) {
                    String token = instances.login().accessToken();
                    storeValue(instances, token);
                    Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
                    int perInstance = Math.max(1, connections / count);
                    everyInstanceAtOnce(instances, server -> Wrk.run(server.uri(GET_PATH), 1, perInstance, Duration.ofSeconds(3), headers));
                    Combined get = everyInstanceAtOnce(instances,
                            server -> Wrk.run(server.uri(GET_PATH), 1, perInstance, duration, headers));
                    Map<ServerProcess, Path> putScripts = new HashMap<>();
                    for (ServerProcess server : instances.servers()) {
                        putScripts.put(server, putScript(work, "i" + putScripts.size()));
                    }
                    Combined put = everyInstanceAtOnce(instances, server -> Wrk.run(server.uri(GET_PATH), 1, perInstance, duration, headers,
                            Optional.of(putScripts.get(server))));
                    Map<String, Combined> measuredRuns = new LinkedHashMap<>();
                    measuredRuns.put("GET", get);
                    measuredRuns.put("PUT", put);
                    for (Map.Entry<String, Combined> measured : measuredRuns.entrySet()) {
                        Combined result = measured.getValue();
                        runs.computeIfAbsent(count + " " + measured.getKey(), key -> new ArrayList<>()).add(result);
                        report.row(round, count, measured.getKey(), result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                                result.non2xx(), result.socketErrors());
                    }
                }
            }
        }
        for (String request : List.of("GET", "PUT")) {
            double single = median(runs.get("1 " + request), Combined::requestsPerSecond);
            for (int count = 1; count <= 3; count++) {
                List<Combined> results = runs.get(count + " " + request);
                double rate = median(results, Combined::requestsPerSecond);
                report.row("median", count, request, rate, median(results, Combined::p50Millis), median(results, Combined::p99Millis),
                        results.stream().mapToLong(Combined::non2xx).sum(), results.stream().mapToLong(Combined::socketErrors).sum());
                report.details().put(request.toLowerCase() + "_" + count + "_instances_requests_per_second", rate)
                        .put(request.toLowerCase() + "_" + count + "_instances_vs_1", rate / single)
                        .put(request.toLowerCase() + "_" + count + "_instances_p99_ms", median(results, Combined::p99Millis));
            }
        }
        report.details().put("load_average_per_count_run", loads.toString());
        report.printAndWrite(arguments.results());
        System.exit(0);
    }

    private static void storeValue(RetInstances instances, String token) throws IOException {
        ApiClient client = new ApiClient(instances.servers().get(0)::port);
        HttpResponse<String> put = client.send(client.request(GET_PATH, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(VALUE)));
        if (put.statusCode() != 204) {
            throw new IllegalStateException("state PUT answered " + put.statusCode() + ": " + put.body());
        }
    }

    /** A wrk script writing {@link #VALUE} to {@link #KEYS_PER_INSTANCE} keys of this instance's own, in turn. */
    private static Path putScript(Path work, String instance) throws IOException {
        Path script = work.resolve("put-" + instance + ".lua");
        Files.writeString(script, """
                wrk.method = "PUT"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = '%s'
                local n = 0
                request = function()
                  n = n + 1
                  return wrk.format(nil, "/api/session/state/%s-" .. (n %% %d), nil, nil)
                end
                """.formatted(VALUE, instance, KEYS_PER_INSTANCE));
        return script;
    }

    private static Combined everyInstanceAtOnce(RetInstances instances, Function<ServerProcess, Wrk.Result> load) throws Exception {
        ExecutorService runners = Executors.newFixedThreadPool(instances.servers().size());
        try {
            List<Future<Wrk.Result>> running = new ArrayList<>();
            for (ServerProcess server : instances.servers()) {
                running.add(runners.submit(() -> load.apply(server)));
            }
            double rate = 0;
            double p50 = 0;
            double p99 = 0;
            long non2xx = 0;
            long errors = 0;
            for (Future<Wrk.Result> done : running) {
                Wrk.Result result = done.get();
                rate += result.requestsPerSecond();
                p50 = Math.max(p50, result.p50Millis());
                p99 = Math.max(p99, result.p99Millis());
                non2xx += result.non2xx();
                errors += result.socketErrors();
            }
            return new Combined(rate, p50, p99, non2xx, errors);
        } finally {
            runners.shutdownNow();
        }
    }

    static <T> double median(List<T> values, java.util.function.ToDoubleFunction<T> figure) {
        double[] sorted = values.stream().mapToDouble(figure).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
