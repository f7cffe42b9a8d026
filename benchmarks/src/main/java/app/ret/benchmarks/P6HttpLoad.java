package app.ret.benchmarks;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * P6: wrk against an authenticated {@code GET /api/session/state/{key}} of the real jar (whole
 * stack: pipeline, JWT check, rate limiter, tiered cache, access log), and against a bare JDK
 * HttpServer answering the same JSON, same wrk settings, alternating in rounds.
 * Arguments: {@code --jar --results --duration SECONDS --rounds N --connections N}.
 */
public final class P6HttpLoad {
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_P99_MILLIS = 10;
    private static final String ADMIN_PASSWORD = "p6-benchmark-password";
    private static final String STATE_VALUE = "{\"theme\":\"dark\",\"recent\":[\"input/a.xml\",\"input/b.xml\"],\"page\":3}";

    private P6HttpLoad() {}

    public static void main(String[] args) throws IOException {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration duration = Duration.ofSeconds(arguments.integer("duration", 15));
        int rounds = arguments.integer("rounds", 3);
        int connections = arguments.integer("connections", 50);
        int threads = 2;
        Path work = Files.createTempDirectory("ret-p6-");
        Map<String, String> environment = new HashMap<>();
        environment.put("API_PORT", Integer.toString(ServerProcess.freePort()));
        environment.put("RET_RUNTIME_ROOT", work.resolve("root").toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The limiter stays in the path; only its limit is out of the way of 50 connections' worth of requests.
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("ACCESS_TOKEN_EXPIRE_MINUTES", "60");

        try (ServerProcess ret = ServerProcess.startRet(arguments.jar(), environment, List.of(), work.resolve("ret.log"));
             ServerProcess bare = ServerProcess.startMain(BareJsonServer.class, List.of(), List.of(STATE_VALUE),
                     ServerProcess.freePort(), work.resolve("baseline.log"))) {
            ret.awaitReady();
            bare.awaitReady();
            ApiClient client = new ApiClient(ret::port);
            String token = client.login("admin", ADMIN_PASSWORD).accessToken();
            storeState(client, token);
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            String path = "/api/session/state/bench";

            // Both JVMs compile their hot paths before anything is measured.
            Wrk.run(ret.uri(path), threads, connections, Duration.ofSeconds(10), auth);
            Wrk.run(bare.uri(path), threads, connections, Duration.ofSeconds(10), Map.of());
            List<Wrk.Result> retRuns = new ArrayList<>();
            List<Wrk.Result> bareRuns = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                retRuns.add(Wrk.run(ret.uri(path), threads, connections, duration, auth));
                bareRuns.add(Wrk.run(bare.uri(path), threads, connections, duration, Map.of()));
            }
            report(retRuns, bareRuns, duration, connections, threads).printAndWrite(arguments.results());
        }
    }

    private static void storeState(ApiClient client, String token) throws IOException {
        HttpResponse<String> put = client.send(client.request("/api/session/state/bench", token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(STATE_VALUE)));
        HttpResponse<String> get = client.send(client.request("/api/session/state/bench", token).GET());
        if (put.statusCode() != 204 || get.statusCode() != 200) {
            throw new IllegalStateException("state PUT/GET answered " + put.statusCode() + "/" + get.statusCode() + ": " + get.body());
        }
    }

    private static Report report(List<Wrk.Result> retRuns, List<Wrk.Result> bareRuns, Duration duration, int connections, int threads) {
        Report report = new Report("P6", "HTTP: authenticated GET /api/session/state/{key} through the whole stack vs a bare JDK "
                + "HttpServer answering the same JSON; wrk -t" + threads + " -c" + connections + " -d" + duration.toSeconds()
                + "s, " + retRuns.size() + " alternating rounds");
        report.columns("round", "server", "requests/s", "p50 ms", "p90 ms", "p99 ms", "non-2xx", "socket errors");
        for (int round = 0; round < retRuns.size(); round++) {
            addRow(report, round + 1, "RET", retRuns.get(round));
            addRow(report, round + 1, "bare HttpServer", bareRuns.get(round));
        }
        double retRate = median(retRuns, Wrk.Result::requestsPerSecond);
        double bareRate = median(bareRuns, Wrk.Result::requestsPerSecond);
        double retP99 = median(retRuns, Wrk.Result::p99Millis);
        double ratio = retRate / bareRate;
        report.row("median", "RET", retRate, median(retRuns, Wrk.Result::p50Millis), median(retRuns, Wrk.Result::p90Millis), retP99,
                retRuns.stream().mapToLong(Wrk.Result::non2xx).sum(), retRuns.stream().mapToLong(Wrk.Result::socketErrors).sum());
        report.row("median", "bare HttpServer", bareRate, median(bareRuns, Wrk.Result::p50Millis),
                median(bareRuns, Wrk.Result::p90Millis), median(bareRuns, Wrk.Result::p99Millis),
                bareRuns.stream().mapToLong(Wrk.Result::non2xx).sum(), bareRuns.stream().mapToLong(Wrk.Result::socketErrors).sum());
        long failures = retRuns.stream().mapToLong(run -> run.non2xx() + run.socketErrors()).sum();
        report.target("requests/s, RET / baseline (medians)", Report.cell(ratio) + "x", ">= " + TARGET_RATIO + "x", ratio >= TARGET_RATIO);
        report.target("p99 latency of RET (median of rounds)", Report.cell(retP99) + " ms", "<= " + (int) TARGET_P99_MILLIS + " ms",
                retP99 <= TARGET_P99_MILLIS);
        report.target("RET responses that were not 200", Long.toString(failures), "0", failures == 0);
        report.details().put("ratio", ratio).put("ret_requests_per_second", retRate).put("baseline_requests_per_second", bareRate)
                .put("ret_p99_ms", retP99).put("wrk_threads", threads).put("wrk_connections", connections)
                .put("round_seconds", duration.toSeconds());
        return report;
    }

    private static void addRow(Report report, int round, String server, Wrk.Result result) {
        report.row(round, server, result.requestsPerSecond(), result.p50Millis(), result.p90Millis(), result.p99Millis(),
                result.non2xx(), result.socketErrors());
    }

    static double median(List<Wrk.Result> runs, ToDoubleFunction<Wrk.Result> figure) {
        List<Double> values = runs.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }
}
