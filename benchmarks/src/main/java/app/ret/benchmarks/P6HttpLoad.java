package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * P6: wrk against an authenticated {@code GET /api/session/state/{key}} of the real jar (whole
 * stack: pipeline, JWT check, rate limiter, tiered cache, access log), and against a bare JDK
 * HttpServer answering the same JSON, same wrk settings, alternating in rounds. With
 * {@code --before-jar} a jar built from an earlier commit runs in the same rounds too, so a change
 * is judged against its predecessor under the same load. After the rounds, one more wrk run per
 * server under a JFR recording gives the bytes each allocates per request.
 * Arguments: {@code --jar --before-jar --results --duration SECONDS --rounds N --connections N}.
 */
public final class P6HttpLoad {
    static final double TARGET_RATIO = 0.7;
    static final double TARGET_P99_RATIO = 1.5;
    private static final String ADMIN_PASSWORD = "p6-benchmark-password";
    private static final String STATE_VALUE = "{\"theme\":\"dark\",\"recent\":[\"input/a.xml\",\"input/b.xml\"],\"page\":3}";
    private static final String PATH = "/api/session/state/bench";
    private static final String BARE = "bare HttpServer";

    private P6HttpLoad() {}

    private record Target(String name, ServerProcess server, Map<String, String> headers) {}

    public static void main(String[] args) throws IOException {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration duration = Duration.ofSeconds(arguments.integer("duration", 15));
        int rounds = arguments.integer("rounds", 3);
        int connections = arguments.integer("connections", 50);
        int threads = 2;
        Optional<Path> beforeJar = arguments.optionalPath("before-jar");
        Report report = new Report("P6", "HTTP: authenticated GET /api/session/state/{key} through the whole stack vs a bare JDK "
                + "HttpServer answering the same JSON; wrk -t" + threads + " -c" + connections + " -d" + duration.toSeconds()
                + "s, " + rounds + " alternating rounds" + beforeJar.map(jar -> "; 'RET before' is " + jar).orElse(""));
        Path work = Files.createTempDirectory("ret-p6-");
        List<ServerProcess> started = new ArrayList<>();
        try {
            List<Target> targets = new ArrayList<>();
            targets.add(startRet("RET", arguments.jar(), work.resolve("ret"), started));
            if (beforeJar.isPresent()) {
                targets.add(startRet("RET before", beforeJar.get(), work.resolve("before"), started));
            }
            ServerProcess bare = ServerProcess.startMain(BareJsonServer.class, List.of(), List.of(STATE_VALUE),
                    JavaProcess.freePort(), work.resolve("baseline.log"));
            started.add(bare);
            bare.awaitReady();
            targets.add(new Target(BARE, bare, Map.of()));

            // Every JVM compiles its hot paths before anything is measured.
            for (Target target : targets) {
                Wrk.run(target.server().uri(PATH), threads, connections, Duration.ofSeconds(10), target.headers());
            }
            Map<String, List<Wrk.Result>> runs = new LinkedHashMap<>();
            List<Double> loads = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                for (Target target : targets) {
                    runs.computeIfAbsent(target.name(), name -> new ArrayList<>())
                            .add(Wrk.run(target.server().uri(PATH), threads, connections, duration, target.headers()));
                }
            }
            Map<String, Double> bytesPerRequest = new LinkedHashMap<>();
            for (Target target : targets) {
                AllocationProfile.Measured<Wrk.Result> measured = AllocationProfile.during(target.server(), work,
                        () -> Wrk.run(target.server().uri(PATH), threads, connections, Duration.ofSeconds(10), target.headers()));
                bytesPerRequest.put(target.name(), (double) measured.allocatedBytes() / measured.load().requests());
            }
            fill(report, runs, loads, bytesPerRequest, threads, connections, duration);
            report.printAndWrite(arguments.results());
        } finally {
            started.forEach(ServerProcess::close);
        }
    }

    private static Target startRet(String name, Path jar, Path work, List<ServerProcess> started) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
        environment.put("RET_RUNTIME_ROOT", work.resolve("root").toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The limiter stays in the path; only its limit is out of the way of 50 connections' worth of requests.
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("ACCESS_TOKEN_EXPIRE_MINUTES", "60");
        Files.createDirectories(work);
        ServerProcess server = ServerProcess.startRet(jar, environment, List.of(), work.resolve("ret.log"));
        started.add(server);
        server.awaitReady();
        ApiClient client = new ApiClient(server::port);
        String token = client.login("admin", ADMIN_PASSWORD).accessToken();
        storeState(client, token);
        return new Target(name, server, Map.of("Authorization", "Bearer " + token));
    }

    private static void storeState(ApiClient client, String token) throws IOException {
        HttpResponse<String> put = client.send(client.request(PATH, token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(STATE_VALUE)));
        HttpResponse<String> get = client.send(client.request(PATH, token).GET());
        if (put.statusCode() != 204 || get.statusCode() != 200) {
            throw new IllegalStateException("state PUT/GET answered " + put.statusCode() + "/" + get.statusCode() + ": " + get.body());
        }
    }

    private static void fill(Report report, Map<String, List<Wrk.Result>> runs, List<Double> loads, Map<String, Double> bytesPerRequest,
                             int threads, int connections, Duration duration) {
        report.columns("round", "server", "requests/s", "p50 ms", "p90 ms", "p99 ms", "non-2xx", "socket errors", "load avg");
        int rounds = loads.size();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<Wrk.Result>> server : runs.entrySet()) {
                Wrk.Result result = server.getValue().get(round);
                report.row(round + 1, server.getKey(), result.requestsPerSecond(), result.p50Millis(), result.p90Millis(),
                        result.p99Millis(), result.non2xx(), result.socketErrors(), loads.get(round));
            }
        }
        for (Map.Entry<String, List<Wrk.Result>> server : runs.entrySet()) {
            List<Wrk.Result> results = server.getValue();
            report.row("median", server.getKey(), median(results, Wrk.Result::requestsPerSecond), median(results, Wrk.Result::p50Millis),
                    median(results, Wrk.Result::p90Millis), median(results, Wrk.Result::p99Millis),
                    results.stream().mapToLong(Wrk.Result::non2xx).sum(), results.stream().mapToLong(Wrk.Result::socketErrors).sum(),
                    loads.stream().sorted().toList().get(rounds / 2));
        }
        List<Wrk.Result> ret = runs.get("RET");
        List<Wrk.Result> bare = runs.get(BARE);
        double ratio = median(ret, Wrk.Result::requestsPerSecond) / median(bare, Wrk.Result::requestsPerSecond);
        double retP99 = median(ret, Wrk.Result::p99Millis);
        double bareP99 = median(bare, Wrk.Result::p99Millis);
        double p99Ratio = retP99 / bareP99;
        long failures = ret.stream().mapToLong(run -> run.non2xx() + run.socketErrors()).sum();
        report.target("requests/s, RET / baseline (medians)", Report.cell(ratio) + "x", ">= " + TARGET_RATIO + "x", ratio >= TARGET_RATIO);
        report.target("p99, RET / baseline (medians)", Report.cell(p99Ratio) + "x (" + Report.cell(retP99) + " vs "
                + Report.cell(bareP99) + " ms)", "<= " + TARGET_P99_RATIO + "x", p99Ratio <= TARGET_P99_RATIO);
        report.target("RET responses that were not 200", Long.toString(failures), "0", failures == 0);
        bytesPerRequest.forEach((server, bytes) -> report.target(
                "bytes allocated per request, " + server + " (JFR thread allocation counters)",
                Report.cell(bytes), "report", true));
        report.details().put("ratio", ratio).put("p99_ratio", p99Ratio).put("ret_requests_per_second", median(ret, Wrk.Result::requestsPerSecond))
                .put("baseline_requests_per_second", median(bare, Wrk.Result::requestsPerSecond))
                .put("ret_p99_ms", retP99).put("baseline_p99_ms", bareP99).put("wrk_threads", threads).put("wrk_connections", connections)
                .put("round_seconds", duration.toSeconds());
        bytesPerRequest.forEach((server, bytes) -> report.details().put("allocated_bytes_per_request " + server, bytes));
        runs.forEach((server, results) -> report.details().put("requests_per_second_median " + server,
                median(results, Wrk.Result::requestsPerSecond)));
    }

    static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> figure) {
        List<Double> values = runs.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }
}
